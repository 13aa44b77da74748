package dev.edgewise.runtime.batching;

import dev.edgewise.runtime.model.Matrix;
import java.util.List;

/** Runs one forward pass over a stacked batch; called only from the batcher thread. */
@FunctionalInterface
public interface ForwardPass {

  /** Returns one output row per input row, and the model version that produced them. */
  Forwarded run(Matrix batch) throws Exception;

  /**
   * Runs one forward pass over {@code inputs} stacked in order and returns each input's own output
   * rows, in the same order. The default stacks the inputs, calls {@link #run} and copies each
   * input's rows out of the output; an implementation may do the same without the intermediate
   * arrays.
   *
   * @throws IllegalStateException when the model returns a different number of rows than it got
   */
  default Split runEach(List<Matrix> inputs) throws Exception {
    Matrix input = inputs.size() == 1 ? inputs.get(0) : Matrix.stack(inputs);
    Forwarded out = run(input);
    if (out.output().rows() != input.rows()) {
      throw new IllegalStateException(
          "model returned " + out.output().rows() + " rows for " + input.rows() + " input rows");
    }
    if (inputs.size() == 1) {
      return new Split(List.of(out.output()), out.modelVersion());
    }
    Matrix[] parts = new Matrix[inputs.size()];
    int offset = 0;
    for (int i = 0; i < parts.length; i++) {
      int n = inputs.get(i).rows();
      parts[i] = out.output().rows(offset, n);
      offset += n;
    }
    return new Split(List.of(parts), out.modelVersion());
  }

  /** The outputs of one forward pass and the version of the model that computed them. */
  record Forwarded(Matrix output, String modelVersion) {}

  /** Each input's output rows (in input order) and the version of the model that computed them. */
  record Split(List<Matrix> outputs, String modelVersion) {}
}
