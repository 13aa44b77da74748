package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The sandbox's one scheduling rule, for pods whose affinity names no node (the cloud runtime of
 * joint inference): among ready nodes that satisfy the pod's {@code nodeSelector} and required node
 * affinity ({@link NodeSelectorMatch}) and whose NoSchedule and NoExecute taints it tolerates
 * ({@link TolerationMatch}), the one running the fewest pods, ties broken by name. Nothing else of
 * the real scheduler (no resources, no preferred affinity, no spreading): deterministic and enough
 * for the operator's cloud workloads. A pod no node fits stays unscheduled. The matching is the
 * sandbox's own, not the planner's: the sandbox checks the planner, it must not share its logic.
 */
final class SimulatedScheduler {
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
    return NodeSelectorMatch.matchesNodeSelector(pod.getNodeSelector(), labels)
        && NodeSelectorMatch.matchesRequired(requiredAffinity(pod).orElse(null), labels)
        && TolerationMatch.schedulable(node.getSpec().getTaints(), pod.getTolerations());
  }

  private static Optional<NodeSelector> requiredAffinity(PodSpec pod) {
    return Optional.ofNullable(pod.getAffinity())
        .map(a -> a.getNodeAffinity())
        .map(a -> a.getRequiredDuringSchedulingIgnoredDuringExecution());
  }
}
