package dev.edgewise.runtime.batching;

/** The batcher's queue is full: the caller should answer with a retryable overload status. */
public class QueueFullException extends Exception {

  /** Creates the exception with a message that gives the queue capacity. */
  public QueueFullException(int capacity) {
    super("inference queue is full (" + capacity + " requests waiting); retry later");
  }
}
