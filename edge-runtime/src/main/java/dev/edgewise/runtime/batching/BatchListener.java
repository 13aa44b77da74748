package dev.edgewise.runtime.batching;

/** Observes the batcher (for metrics); implementations must be cheap and must not throw. */
public interface BatchListener {

  /** A listener that ignores everything. */
  BatchListener NONE = new BatchListener() {};

  /** A batch of {@code rows} rows from {@code requests} requests was run. */
  default void batchRan(int requests, int rows, long nanos) {}

  /** A forward pass failed; every request in the batch receives {@code error}. */
  default void batchFailed(int requests, Throwable error) {}
}
