package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;

/**
 * The sandbox's own taint and toleration matching, written from the Kubernetes rules (a
 * toleration's {@code ToleratesTaint} and the scheduler's TaintToleration filter), not shared with
 * the operator's planner, which the sandbox exists to check.
 */
final class TolerationMatch {
  private TolerationMatch() {}

  /**
   * Whether a new pod with these tolerations may be scheduled on a node with these taints: every
   * {@code NoSchedule} and {@code NoExecute} taint must be tolerated ({@code PreferNoSchedule} is a
   * preference and does not block). The node lifecycle taints count like any other; the simulated
   * scheduler considers only ready nodes anyway.
   */
  static boolean schedulable(List<Taint> taints, List<Toleration> tolerations) {
    List<Toleration> held = tolerations == null ? List.of() : tolerations;
    for (Taint taint : taints == null ? List.<Taint>of() : taints) {
      boolean blocks =
          "NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect());
      if (blocks && held.stream().noneMatch(toleration -> tolerates(toleration, taint))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the toleration tolerates the taint: an empty effect matches every effect and an empty
   * key every key; operator {@code Exists} matches any value, {@code Equal} (the default) only the
   * same value, and any other operator nothing.
   */
  static boolean tolerates(Toleration toleration, Taint taint) {
    if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if (!isEmpty(toleration.getKey()) && !toleration.getKey().equals(taint.getKey())) {
      return false;
    }
    String operator = toleration.getOperator();
    if (isEmpty(operator) || "Equal".equals(operator)) {
      return orEmpty(toleration.getValue()).equals(orEmpty(taint.getValue()));
    }
    return "Exists".equals(operator);
  }

  private static boolean isEmpty(String text) {
    return text == null || text.isEmpty();
  }

  private static String orEmpty(String text) {
    return text == null ? "" : text;
  }
}
