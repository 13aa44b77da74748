package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Evaluates a label selector (matchLabels and matchExpressions with In, NotIn, Exists and
 * DoesNotExist) against node labels, as the API server does. An empty selector selects every node;
 * a null selector selects none.
 */
public final class PoolMembership {
  private PoolMembership() {}

  /** Whether the labels satisfy the selector. */
  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (selector.getMatchLabels() != null) {
      for (Map.Entry<String, String> wanted : selector.getMatchLabels().entrySet()) {
        if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
          return false;
        }
      }
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
        if (!satisfies(requirement, labels)) {
          return false;
        }
      }
    }
    return true;
  }

  /** Names of the pools, among {@code selectorsByPool}, whose selector matches the labels. */
  public static Set<String> poolsOf(
      Map<String, LabelSelector> selectorsByPool, Map<String, String> labels) {
    Set<String> pools = new TreeSet<>();
    selectorsByPool.forEach(
        (pool, selector) -> {
          if (matches(selector, labels)) {
            pools.add(pool);
          }
        });
    return pools;
  }

  private static boolean satisfies(
      LabelSelectorRequirement requirement, Map<String, String> labels) {
    String value = labels.get(requirement.getKey());
    List<String> values = requirement.getValues() == null ? List.of() : requirement.getValues();
    return switch (requirement.getOperator()) {
      case "In" -> value != null && values.contains(value);
      case "NotIn" -> value == null || !values.contains(value);
      case "Exists" -> labels.containsKey(requirement.getKey());
      case "DoesNotExist" -> !labels.containsKey(requirement.getKey());
      default ->
          throw new IllegalArgumentException(
              "unknown label selector operator "
                  + requirement.getOperator()
                  + " (In, NotIn, Exists or DoesNotExist)");
    };
  }
}
