package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Matrix;

/**
 * How sure the model is of a row: the top-class probability, the largest value of the softmax of
 * the row's logits. A row with a NaN logit has confidence 0, so it counts as hard.
 */
public final class Confidence {

  private Confidence() {}

  /** The top-class probability of each row of {@code logits}. */
  public static float[] ofRows(Matrix logits) {
    float[] out = new float[logits.rows()];
    for (int r = 0; r < out.length; r++) {
      out[r] = topProbability(logits.data(), r * logits.cols(), logits.cols());
    }
    return out;
  }

  /**
   * The largest softmax probability of {@code values[offset, offset + n)}: {@code 1 / sum(exp(x_i -
   * max))}, computed stably.
   */
  public static float topProbability(float[] values, int offset, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a row needs at least one value");
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      if (Float.isNaN(values[i])) {
        return 0f;
      }
      max = Math.max(max, values[i]);
    }
    if (max == Float.NEGATIVE_INFINITY) {
      // Every logit is -Infinity: no class is preferred.
      return 1f / n;
    }
    double sum = 0;
    for (int i = offset; i < offset + n; i++) {
      sum += Math.exp((double) values[i] - max);
    }
    return (float) (1.0 / sum);
  }
}
