package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds {@link NodeView}s from fabric8 {@link Node} and {@link Pod} objects; pure. */
public final class NodeViews {
  private NodeViews() {}

  /**
   * The view of one node.
   *
   * @param node the node
   * @param podsOnNode pods bound to the node (any phase; terminated ones are ignored)
   * @param latencyLabel label holding the node's latency in milliseconds
   * @param pools names of the pools the node belongs to (see {@link PoolMembership})
   */
  public static NodeView from(
      Node node, List<Pod> podsOnNode, String latencyLabel, Set<String> pools) {
    Map<String, String> labels =
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Map<String, Quantity> allocatable =
        node.getStatus() == null ? Map.of() : node.getStatus().getAllocatable();
    NodeCondition readyCondition = readyCondition(node);
    boolean ready = readyCondition != null && "True".equals(readyCondition.getStatus());

    long cpuAllocatable = ResourceQuantities.cpuMillis(allocatable);
    long memoryAllocatable = ResourceQuantities.amount(allocatable, ResourceQuantities.MEMORY);
    long gpusAllocatable = ResourceQuantities.amount(allocatable, ResourceQuantities.GPU);
    long cpuUsed = 0;
    long memoryUsed = 0;
    long gpusUsed = 0;
    for (Pod pod : podsOnNode) {
      if (PodRequests.holdsResources(pod)) {
        cpuUsed += PodRequests.cpuMillis(pod);
        memoryUsed += PodRequests.memoryBytes(pod);
        gpusUsed += PodRequests.gpus(pod);
      }
    }

    return new NodeView(
        node.getMetadata().getName(),
        labels,
        ready,
        ready ? null : notReadySince(readyCondition),
        NodeLabels.platformOf(labels),
        NodeLabels.decimal(labels, latencyLabel),
        labels.get(NodeLabels.ZONE),
        cpuAllocatable,
        cpuAllocatable - cpuUsed,
        memoryAllocatable,
        memoryAllocatable - memoryUsed,
        gpusAllocatable,
        gpusAllocatable - gpusUsed,
        labels.get(NodeLabels.GPU_PRODUCT),
        NodeLabels.integer(labels, NodeLabels.GPU_MEMORY),
        node.getSpec() == null || node.getSpec().getTaints() == null
            ? List.of()
            : node.getSpec().getTaints(),
        labels.get(NodeLabels.ARCH),
        pools);
  }

  /** The view of one node with the default latency label. */
  public static NodeView from(Node node, List<Pod> podsOnNode, Set<String> pools) {
    return from(node, podsOnNode, NodeLabels.DEFAULT_LATENCY, pools);
  }

  private static NodeCondition readyCondition(Node node) {
    if (node.getStatus() == null || node.getStatus().getConditions() == null) {
      return null;
    }
    for (NodeCondition condition : node.getStatus().getConditions()) {
      if ("Ready".equals(condition.getType())) {
        return condition;
      }
    }
    return null;
  }

  private static Instant notReadySince(NodeCondition readyCondition) {
    if (readyCondition == null || readyCondition.getLastTransitionTime() == null) {
      return null;
    }
    return Instant.parse(readyCondition.getLastTransitionTime());
  }
}
