package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Tensor;

/**
 * How sure the model is of a row: the top-class probability, the largest value of the softmax of
 * the row's logits over the last dimension (for an output of higher rank, the least sure of the
 * row's vectors). A row with a NaN logit has confidence 0, so it counts as hard.
 */
public final class Confidence {

  private Confidence() {}

  /**
   * The confidence of each row (slice along dimension 0) of {@code logits}, of any numeric datatype
   * and rank of at least 1.
   */
  public static float[] ofRows(Tensor logits) {
    long[] shape = logits.shape();
    if (shape.length == 0) {
      throw new IllegalArgumentException(
          "output '" + logits.name() + "' is a scalar: it has no rows to be confident about");
    }
    int rows = (int) shape[0];
    double[] values = logits.toDoubles();
    int classes = shape.length == 1 ? 1 : (int) shape[shape.length - 1];
    int perRow = rows == 0 ? 0 : values.length / rows;
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      float least = 1f;
      for (int v = 0; classes > 0 && v < perRow / classes; v++) {
        least = Math.min(least, topProbability(values, r * perRow + v * classes, classes));
      }
      out[r] = least;
    }
    return out;
  }

  /** The top-class probability of each row of {@code logits}. */
  public static float[] ofRows(dev.edgewise.runtime.model.Matrix logits) {
    return ofRows(logits.data(), logits.rows(), logits.cols());
  }

  /** The top-class probability of each row of a {@code [rows, cols]} float matrix. */
  public static float[] ofRows(float[] data, int rows, int cols) {
    float[] out = new float[rows];
    for (int r = 0; r < rows; r++) {
      out[r] = topProbability(data, r * cols, cols);
    }
    return out;
  }

  /**
   * The largest softmax probability of {@code values[offset, offset + n)}: {@code 1 / sum(exp(x_i -
   * max))}, computed stably.
   */
  public static float topProbability(float[] values, int offset, int n) {
    double[] d = new double[n];
    for (int i = 0; i < n; i++) {
      d[i] = values[offset + i];
    }
    return topProbability(d, 0, n);
  }

  /** As {@link #topProbability(float[], int, int)}, over doubles. */
  public static float topProbability(double[] values, int offset, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a row needs at least one value");
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = offset; i < offset + n; i++) {
      if (Double.isNaN(values[i])) {
        return 0f;
      }
      max = Math.max(max, values[i]);
    }
    if (max == Double.NEGATIVE_INFINITY) {
      // Every logit is -Infinity: no class is preferred.
      return 1f / n;
    }
    double sum = 0;
    for (int i = offset; i < offset + n; i++) {
      sum += Math.exp(values[i] - max);
    }
    return (float) (1.0 / sum);
  }
}
