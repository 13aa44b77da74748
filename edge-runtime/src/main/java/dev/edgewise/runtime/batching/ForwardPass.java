package dev.edgewise.runtime.batching;

import java.util.List;

/**
 * Runs one forward pass over requests that may share it; called only from the batcher thread.
 *
 * @param <I> a request's input
 * @param <O> a request's output
 */
@FunctionalInterface
public interface ForwardPass<I extends BatchItem, O> {

  /**
   * Runs one forward pass over {@code inputs} stacked in order along dimension 0 and returns each
   * input's own output rows, in the same order.
   *
   * @throws IllegalStateException when the model returns a different number of rows than it got
   */
  Split<O> runEach(List<I> inputs) throws Exception;

  /** Each input's output (in input order) and the version of the model that computed them. */
  record Split<O>(List<O> outputs, String modelVersion) {}
}
