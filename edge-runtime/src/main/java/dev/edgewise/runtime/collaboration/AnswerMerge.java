package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Matrix;

/**
 * Builds a request's answer from its edge rows, the policy's decisions and the cloud's rows for the
 * rows that were sent. Pure, so the merge is tested without HTTP.
 */
public final class AnswerMerge {

  private AnswerMerge() {}

  /** The indices of the rows decided {@link OffloadPolicy.Decision#CLOUD}, in order. */
  public static int[] sentRows(OffloadPolicy.Decision[] decisions) {
    int n = 0;
    for (OffloadPolicy.Decision d : decisions) {
      if (d == OffloadPolicy.Decision.CLOUD) {
        n++;
      }
    }
    int[] rows = new int[n];
    int k = 0;
    for (int r = 0; r < decisions.length; r++) {
      if (decisions[r] == OffloadPolicy.Decision.CLOUD) {
        rows[k++] = r;
      }
    }
    return rows;
  }

  /** The rows {@code rows} of {@code m}, stacked in that order. */
  public static Matrix select(Matrix m, int[] rows) {
    float[] out = new float[rows.length * m.cols()];
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(m.data(), rows[k] * m.cols(), out, k * m.cols(), m.cols());
    }
    return new Matrix(out, rows.length, m.cols());
  }

  /**
   * The answer when the cloud answered the sent rows with {@code cloud} (its k-th row for the k-th
   * sent row), or, when {@code cloud} is null, the edge's rows marked as fallbacks.
   *
   * @throws IllegalArgumentException when {@code cloud} does not have one row of the edge's width
   *     per sent row
   */
  public static JointAnswer merge(
      Matrix edge, String version, OffloadPolicy.Decision[] decisions, Matrix cloud) {
    int[] sent = sentRows(decisions);
    if (cloud != null && (cloud.rows() != sent.length || cloud.cols() != edge.cols())) {
      throw new IllegalArgumentException(
          "the cloud answered a "
              + cloud.rows()
              + "x"
              + cloud.cols()
              + " output for "
              + sent.length
              + " rows of width "
              + edge.cols());
    }
    RowOutcome[] outcomes = new RowOutcome[decisions.length];
    for (int r = 0; r < decisions.length; r++) {
      outcomes[r] =
          switch (decisions[r]) {
            case EDGE -> RowOutcome.EDGE;
            case OVER_BUDGET -> RowOutcome.OVER_BUDGET;
            case CLOUD -> cloud == null ? RowOutcome.FALLBACK : RowOutcome.CLOUD;
          };
    }
    if (cloud == null || sent.length == 0) {
      return new JointAnswer(edge, version, outcomes);
    }
    float[] out = edge.data().clone();
    for (int k = 0; k < sent.length; k++) {
      System.arraycopy(cloud.data(), k * edge.cols(), out, sent[k] * edge.cols(), edge.cols());
    }
    return new JointAnswer(new Matrix(out, edge.rows(), edge.cols()), version, outcomes);
  }
}
