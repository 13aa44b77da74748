package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Tensor;
import dev.edgewise.runtime.model.TensorRows;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a request's answer from its edge outputs, the policy's decisions and the cloud's outputs
 * for the rows that were sent. Pure, so the merge is tested without HTTP.
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

  /** The rows {@code rows} of every tensor of {@code tensors}, stacked in that order. */
  public static List<Tensor> select(List<Tensor> tensors, int[] rows) {
    List<Tensor> out = new ArrayList<>(tensors.size());
    for (Tensor t : tensors) {
      out.add(TensorRows.select(t, rows));
    }
    return out;
  }

  /**
   * The answer when the cloud answered the sent rows with {@code cloud} (one tensor per edge
   * output, in the same order, its k-th row for the k-th sent row), or, when {@code cloud} is null,
   * the edge's outputs with the sent rows marked as fallbacks.
   *
   * @throws IllegalArgumentException when {@code cloud} does not have, for every output, one row of
   *     the edge's datatype and shape per sent row
   */
  public static JointAnswer merge(
      List<Tensor> edge, String version, OffloadPolicy.Decision[] decisions, List<Tensor> cloud) {
    int[] sent = sentRows(decisions);
    List<Tensor> outputs = edge;
    if (cloud != null && sent.length > 0) {
      if (cloud.size() != edge.size()) {
        throw new IllegalArgumentException(
            "the cloud answered " + cloud.size() + " outputs for " + edge.size());
      }
      outputs = new ArrayList<>(edge.size());
      for (int i = 0; i < edge.size(); i++) {
        outputs.add(TensorRows.replace(edge.get(i), sent, cloud.get(i)));
      }
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
    return new JointAnswer(outputs, version, outcomes);
  }
}
