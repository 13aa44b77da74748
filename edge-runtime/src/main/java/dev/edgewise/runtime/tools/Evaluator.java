package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;

/** Accuracy (argmax against labels) and mean single-row latency of a loaded model. */
public final class Evaluator {

  private static final int BATCH = 128;
  private static final int LATENCY_ROWS = 200;
  private static final int WARMUP_ROWS = 20;

  private Evaluator() {}

  /**
   * Result of an evaluation.
   *
   * @param rows examples evaluated
   * @param accuracy fraction classified correctly
   * @param meanLatencyMs mean time of a one-row forward pass
   */
  public record Evaluation(int rows, double accuracy, double meanLatencyMs) {}

  /** Evaluates {@code model} on every row of {@code data}. */
  public static Evaluation evaluate(LoadedModel model, DigitsData data) throws Exception {
    Matrix x = data.features();
    int correct = 0;
    for (int from = 0; from < x.rows(); from += BATCH) {
      int n = Math.min(BATCH, x.rows() - from);
      Matrix out = model.forward(x.rows(from, n));
      for (int r = 0; r < n; r++) {
        if (argmax(out.row(r)) == data.labels()[from + r]) {
          correct++;
        }
      }
    }
    int latencyRows = Math.min(LATENCY_ROWS, x.rows());
    for (int r = 0; r < Math.min(WARMUP_ROWS, x.rows()); r++) {
      model.forward(x.rows(r, 1));
    }
    long start = System.nanoTime();
    for (int r = 0; r < latencyRows; r++) {
      model.forward(x.rows(r, 1));
    }
    double meanMs = latencyRows == 0 ? 0 : (System.nanoTime() - start) / 1e6 / latencyRows;
    return new Evaluation(x.rows(), x.rows() == 0 ? 0 : (double) correct / x.rows(), meanMs);
  }

  /** Index of the largest value (the first one on ties). */
  public static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      if (v[i] > v[best]) {
        best = i;
      }
    }
    return best;
  }
}
