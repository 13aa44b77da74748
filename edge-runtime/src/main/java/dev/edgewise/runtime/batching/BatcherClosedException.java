package dev.edgewise.runtime.batching;

/** The batcher no longer accepts work because the server is shutting down. */
public class BatcherClosedException extends Exception {

  /** Creates the exception. */
  public BatcherClosedException() {
    super("the inference queue is shutting down");
  }
}
