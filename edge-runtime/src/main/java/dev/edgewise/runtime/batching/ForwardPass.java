package dev.edgewise.runtime.batching;

import dev.edgewise.runtime.model.Matrix;

/** Runs one forward pass over a stacked batch; called only from the batcher thread. */
@FunctionalInterface
public interface ForwardPass {

  /** Returns one output row per input row, and the model version that produced them. */
  Forwarded run(Matrix batch) throws Exception;

  /** The outputs of one forward pass and the version of the model that computed them. */
  record Forwarded(Matrix output, String modelVersion) {}
}
