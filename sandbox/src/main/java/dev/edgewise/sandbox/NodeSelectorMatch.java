package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own matching of a pod's {@code nodeSelector} and required node affinity against
 * node labels, written from the Kubernetes rules (the scheduler's NodeAffinity filter), not shared
 * with the operator's planner, which the sandbox exists to check.
 *
 * <p>Every {@code nodeSelector} entry must equal the node's label. Required affinity terms are
 * OR-ed, the expressions of a term AND-ed; {@code In}, {@code NotIn}, {@code Exists} and {@code
 * DoesNotExist} are simulated. A term with no expressions, with {@code matchFields}, or with an
 * operator the sandbox does not simulate ({@code Gt}, {@code Lt}) matches no node, so a pod that
 * asks for them stays unscheduled rather than landing somewhere the real scheduler would not put
 * it.
 */
final class NodeSelectorMatch {
  private NodeSelectorMatch() {}

  /** Whether the node's labels carry every key and value of the pod's {@code nodeSelector}. */
  static boolean matchesNodeSelector(Map<String, String> nodeSelector, Map<String, String> labels) {
    if (nodeSelector == null) {
      return true;
    }
    for (Map.Entry<String, String> entry : nodeSelector.entrySet()) {
      if (!labels.containsKey(entry.getKey())
          || !labels.get(entry.getKey()).equals(entry.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether any term of the required node affinity matches. No required affinity matches every
   * node; one without terms matches none.
   */
  static boolean matchesRequired(NodeSelector required, Map<String, String> labels) {
    if (required == null) {
      return true;
    }
    List<NodeSelectorTerm> terms =
        required.getNodeSelectorTerms() == null ? List.of() : required.getNodeSelectorTerms();
    return terms.stream().anyMatch(term -> matchesTerm(term, labels));
  }

  /** Whether every expression of the term matches; see the class comment for empty terms. */
  static boolean matchesTerm(NodeSelectorTerm term, Map<String, String> labels) {
    if (term == null) {
      return false;
    }
    List<NodeSelectorRequirement> expressions =
        term.getMatchExpressions() == null ? List.of() : term.getMatchExpressions();
    boolean hasFields = term.getMatchFields() != null && !term.getMatchFields().isEmpty();
    if (expressions.isEmpty() || hasFields) {
      return false;
    }
    return expressions.stream().allMatch(expression -> matches(expression, labels));
  }

  /** Whether one expression matches the labels; false for an operator not simulated. */
  static boolean matches(NodeSelectorRequirement expression, Map<String, String> labels) {
    String key = expression.getKey();
    List<String> values = expression.getValues() == null ? List.of() : expression.getValues();
    boolean present = labels.containsKey(key);
    return switch (String.valueOf(expression.getOperator())) {
      case "In" -> present && values.contains(labels.get(key));
      case "NotIn" -> !present || !values.contains(labels.get(key));
      case "Exists" -> present;
      case "DoesNotExist" -> !present;
      default -> false;
    };
  }
}
