package dev.edgewise.runtime.batching;

/**
 * A forward pass failed; every request of its batch receives this, its cause the model's error. The
 * batcher has logged it once for the batch.
 */
public class ForwardFailedException extends RuntimeException {

  /** Wraps the forward pass's failure. */
  public ForwardFailedException(Exception cause) {
    super(cause.getMessage(), cause);
  }
}
