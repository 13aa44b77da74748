package dev.edgewise.runtime.batching;

/**
 * What the batcher needs to know of a request: how many rows it adds to a forward pass, and which
 * requests it may share one with.
 */
public interface BatchItem {

  /** Rows along dimension 0 that this request adds to a batch. */
  int rows();

  /**
   * Requests with equal keys can be stacked along dimension 0 into one forward pass (same datatypes
   * and same other dimensions); a request whose key is null runs alone.
   */
  Object batchKey();

  /** Whether {@code a} and {@code b} may share a forward pass. */
  static boolean compatible(BatchItem a, BatchItem b) {
    Object k = a.batchKey();
    return k != null && k.equals(b.batchKey());
  }
}
