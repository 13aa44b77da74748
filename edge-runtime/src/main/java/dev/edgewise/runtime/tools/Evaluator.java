package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.collaboration.Confidence;
import dev.edgewise.runtime.collaboration.OffloadPolicy;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;

/**
 * Accuracy (argmax against labels) and mean single-row latency of a loaded model; and the accuracy
 * of edge-cloud joint inference under the server's own {@link OffloadPolicy}.
 */
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

  /**
   * Result of a joint-inference evaluation.
   *
   * @param rows examples evaluated
   * @param edgeAccuracy accuracy of the edge model alone
   * @param cloudAccuracy accuracy of the cloud model alone
   * @param jointAccuracy accuracy when the rows the policy sends take the cloud's answer
   * @param offloadRate fraction of rows sent to the cloud
   * @param overBudgetRate fraction of rows that were hard but answered by the edge (budget spent)
   */
  public record JointEvaluation(
      int rows,
      double edgeAccuracy,
      double cloudAccuracy,
      double jointAccuracy,
      double offloadRate,
      double overBudgetRate) {}

  /**
   * Evaluates joint inference as the server runs it on single-row requests in data order: each
   * row's edge confidence goes through a fresh {@link OffloadPolicy} with {@code rule}; the rows it
   * sends are answered by {@code cloud} (a cloud that always answers in time).
   */
  public static JointEvaluation joint(
      LoadedModel edge, LoadedModel cloud, DigitsData data, OffloadPolicy.Rule rule)
      throws Exception {
    Matrix x = data.features();
    Matrix edgeOut = forwardAll(edge, x);
    Matrix cloudOut = forwardAll(cloud, x);
    float[] confidence = Confidence.ofRows(edgeOut);
    OffloadPolicy policy = new OffloadPolicy(rule);
    int edgeRight = 0;
    int cloudRight = 0;
    int jointRight = 0;
    int sent = 0;
    int overBudget = 0;
    for (int r = 0; r < x.rows(); r++) {
      int label = data.labels()[r];
      boolean e = argmax(edgeOut.row(r)) == label;
      boolean c = argmax(cloudOut.row(r)) == label;
      edgeRight += e ? 1 : 0;
      cloudRight += c ? 1 : 0;
      OffloadPolicy.Decision d = policy.decide(new float[] {confidence[r]})[0];
      if (d == OffloadPolicy.Decision.CLOUD) {
        sent++;
        jointRight += c ? 1 : 0;
      } else {
        overBudget += d == OffloadPolicy.Decision.OVER_BUDGET ? 1 : 0;
        jointRight += e ? 1 : 0;
      }
    }
    double n = Math.max(1, x.rows());
    return new JointEvaluation(
        x.rows(), edgeRight / n, cloudRight / n, jointRight / n, sent / n, overBudget / n);
  }

  private static Matrix forwardAll(LoadedModel model, Matrix x) throws Exception {
    java.util.List<Matrix> parts = new java.util.ArrayList<>();
    for (int from = 0; from < x.rows(); from += BATCH) {
      parts.add(model.forward(x.rows(from, Math.min(BATCH, x.rows() - from))));
    }
    return Matrix.stack(parts);
  }

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
