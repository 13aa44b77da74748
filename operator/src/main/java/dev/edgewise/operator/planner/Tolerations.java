package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import java.util.Objects;

/** Taint and toleration matching with the Kubernetes semantics. */
public final class Tolerations {
  public static final String NO_SCHEDULE = "NoSchedule";
  public static final String NO_EXECUTE = "NoExecute";
  public static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";
  public static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

  private Tolerations() {}

  /** {@code key:effect} tolerated whatever the taint's value (operator Exists). */
  public static Toleration exists(String key, String effect) {
    return new TolerationBuilder().withKey(key).withOperator("Exists").withEffect(effect).build();
  }

  /** Whether one toleration matches the taint. */
  public static boolean tolerates(Toleration toleration, Taint taint) {
    if (!isEmpty(toleration.getEffect()) && !toleration.getEffect().equals(taint.getEffect())) {
      return false;
    }
    if ("Exists".equals(toleration.getOperator())) {
      return isEmpty(toleration.getKey()) || toleration.getKey().equals(taint.getKey());
    }
    return Objects.equals(toleration.getKey(), taint.getKey())
        && Objects.equals(emptyIfNull(toleration.getValue()), emptyIfNull(taint.getValue()));
  }

  /** Whether any of the tolerations matches the taint. */
  public static boolean tolerated(List<Toleration> tolerations, Taint taint) {
    for (Toleration toleration : tolerations) {
      if (tolerates(toleration, taint)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the tolerations allow a pod on a node with these taints. Only NoExecute taints matter
   * for a pod that already runs there; new pods must also tolerate NoSchedule. The node lifecycle
   * taints (not-ready, unreachable) are left to the readiness check.
   */
  public static boolean allowed(List<Taint> taints, List<Toleration> tolerations, boolean running) {
    for (Taint taint : taints) {
      if (blocks(taint, running) && !tolerated(tolerations, taint)) {
        return false;
      }
    }
    return true;
  }

  private static boolean blocks(Taint taint, boolean running) {
    if (NOT_READY_TAINT.equals(taint.getKey()) || UNREACHABLE_TAINT.equals(taint.getKey())) {
      return false;
    }
    return NO_EXECUTE.equals(taint.getEffect())
        || (!running && NO_SCHEDULE.equals(taint.getEffect()));
  }

  private static boolean isEmpty(String value) {
    return value == null || value.isEmpty();
  }

  private static String emptyIfNull(String value) {
    return value == null ? "" : value;
  }
}
