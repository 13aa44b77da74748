package dev.edgewise.operator.sandbox;

import dev.edgewise.operator.planner.PoolMembership;
import dev.edgewise.operator.planner.Tolerations;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sandbox's one scheduling rule, for pods whose affinity names no node (the cloud runtime of
 * joint inference): among ready nodes that satisfy the pod's {@code nodeSelector} and required node
 * affinity (terms OR-ed, expressions AND-ed; In, NotIn, Exists, DoesNotExist) and whose NoSchedule
 * and NoExecute taints it tolerates, the one running the fewest pods, ties broken by name (a term
 * using Gt or Lt never matches). Nothing else of the real scheduler (no resources, no preferred
 * affinity, no spreading): deterministic and enough for the operator's cloud workloads. A pod no
 * node fits stays unscheduled.
 */
final class SimulatedScheduler {
  private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

  private SimulatedScheduler() {}

  /** The node the pod goes to, if any fits. */
  static Optional<String> pick(PodSpec pod, Collection<Node> nodes, Collection<Pod> pods) {
    Map<String, Long> podsByNode =
        pods.stream()
            .map(Pod::getSpec)
            .filter(spec -> spec != null && spec.getNodeName() != null)
            .collect(Collectors.groupingBy(PodSpec::getNodeName, Collectors.counting()));
    return nodes.stream()
        .filter(Readiness::isNodeReady)
        .filter(node -> fits(pod, node))
        .map(node -> node.getMetadata().getName())
        .min(
            Comparator.comparing((String name) -> podsByNode.getOrDefault(name, 0L))
                .thenComparing(Function.identity()));
  }

  /** Whether the pod may run on the node: selector, required affinity, taints. */
  static boolean fits(PodSpec pod, Node node) {
    Map<String, String> labels =
        Optional.ofNullable(node.getMetadata().getLabels()).orElse(Map.of());
    LabelSelector nodeSelector = new LabelSelector(List.of(), pod.getNodeSelector());
    return PoolMembership.matches(nodeSelector, labels)
        && requiredAffinity(pod).map(terms -> anyTermMatches(terms, labels)).orElse(true)
        && Tolerations.allowed(
            Optional.ofNullable(node.getSpec().getTaints()).orElse(List.of()),
            Optional.ofNullable(pod.getTolerations()).orElse(List.of()),
            false);
  }

  private static Optional<NodeSelector> requiredAffinity(PodSpec pod) {
    return Optional.ofNullable(pod.getAffinity())
        .map(a -> a.getNodeAffinity())
        .map(a -> a.getRequiredDuringSchedulingIgnoredDuringExecution());
  }

  private static boolean anyTermMatches(NodeSelector required, Map<String, String> labels) {
    for (NodeSelectorTerm term : required.getNodeSelectorTerms()) {
      List<LabelSelectorRequirement> expressions =
          Optional.ofNullable(term.getMatchExpressions()).orElse(List.of()).stream()
              .map(e -> new LabelSelectorRequirement(e.getKey(), e.getOperator(), e.getValues()))
              .toList();
      boolean simulated = expressions.stream().allMatch(e -> OPERATORS.contains(e.getOperator()));
      if (simulated && PoolMembership.matches(new LabelSelector(expressions, null), labels)) {
        return true;
      }
    }
    return false;
  }
}
