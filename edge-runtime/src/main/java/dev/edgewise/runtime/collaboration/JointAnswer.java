package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answer to one inference request: its outputs, the edge model version that ran them, and, when
 * collaboration is on, who answered each row.
 *
 * @param outputs every output of the model, in signature order (the cloud's rows where it answered)
 * @param modelVersion the edge model version that computed the request's edge rows
 * @param outcomes who answered each row, or null when collaboration is off
 */
public record JointAnswer(List<Tensor> outputs, String modelVersion, RowOutcome[] outcomes) {

  /** The response parameter naming who answered each row, comma-separated. */
  public static final String ANSWERED_BY = "edgewise.answered_by";

  /** The response parameter counting the rows the cloud answered. */
  public static final String OFFLOADED_ROWS = "edgewise.offloaded_rows";

  /** An answer with no collaboration: no parameters in the response. */
  public static JointAnswer edgeOnly(List<Tensor> outputs, String modelVersion) {
    return new JointAnswer(outputs, modelVersion, null);
  }

  /** Rows the cloud answered. */
  public int offloadedRows() {
    int n = 0;
    if (outcomes != null) {
      for (RowOutcome o : outcomes) {
        if (o == RowOutcome.CLOUD) {
          n++;
        }
      }
    }
    return n;
  }

  /** The response's top-level parameters, or null when collaboration is off. */
  public Map<String, Object> parameters() {
    if (outcomes == null) {
      return null;
    }
    StringBuilder by = new StringBuilder(outcomes.length * 6);
    for (int i = 0; i < outcomes.length; i++) {
      if (i > 0) {
        by.append(',');
      }
      by.append(outcomes[i].label());
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(ANSWERED_BY, by.toString());
    p.put(OFFLOADED_ROWS, offloadedRows());
    return p;
  }
}
