package dev.edgewise.operator.pool;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolStatus;
import dev.edgewise.api.v1alpha1.LatencySummary;
import dev.edgewise.api.v1alpha1.NodeCounts;
import dev.edgewise.api.v1alpha1.PoolCapacity;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.status.ConditionList;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Computes an EdgeNodePool's status from the views of its member nodes; pure. */
public final class PoolStatusCalculator {
  private static final long MIB = 1024L * 1024L;
  private static final int LISTED_NODES = 5;

  private PoolStatusCalculator() {}

  public static EdgeNodePoolStatus calculate(
      EdgeNodePool pool, List<NodeView> members, Instant now) {
    EdgeNodePoolStatus previous =
        pool.getStatus() == null ? new EdgeNodePoolStatus() : pool.getStatus();
    long generation = Objects.requireNonNullElse(pool.getMetadata().getGeneration(), 0L);
    List<NodeView> ready = members.stream().filter(NodeView::ready).toList();
    List<NodeView> disconnected =
        members.stream()
            .filter(n -> !n.ready())
            .sorted(
                Comparator.comparing(
                        NodeView::notReadySince, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(NodeView::name))
            .toList();

    EdgeNodePoolStatus status = new EdgeNodePoolStatus();
    status.setObservedGeneration(generation);
    status.setNodes(new NodeCounts(members.size(), ready.size(), disconnected.size()));
    status.setCapacity(capacity(ready));
    status.setLatency(latency(members));
    status.setDisconnectedNodes(disconnected.stream().map(NodeView::name).toList());
    status.setConditions(
        conditions(previous, generation, now, members.size(), ready.size(), disconnected));
    return status;
  }

  private static List<io.fabric8.kubernetes.api.model.Condition> conditions(
      EdgeNodePoolStatus previous,
      long generation,
      Instant now,
      int total,
      int ready,
      List<NodeView> disconnected) {
    ConditionList conditions = ConditionList.from(previous.getConditions(), generation, now);
    if (total == 0) {
      conditions.set(
          Conditions.READY, false, "NoMatchingNodes", "no node matches spec.nodeSelector");
    } else if (ready == 0) {
      conditions.set(
          Conditions.READY, false, "NoReadyNodes", "none of the " + total + " nodes is Ready");
    } else {
      conditions.set(
          Conditions.READY, true, "NodesReady", ready + "/" + total + " nodes are Ready");
    }
    if (disconnected.isEmpty()) {
      conditions.set(Conditions.DEGRADED, false, "AllNodesReady", "every member node is Ready");
    } else {
      conditions.set(
          Conditions.DEGRADED,
          true,
          "NodesNotReady",
          disconnected.size() + "/" + total + " nodes are NotReady: " + names(disconnected));
    }
    return conditions.toList();
  }

  private static String names(List<NodeView> nodes) {
    String listed =
        String.join(", ", nodes.stream().limit(LISTED_NODES).map(NodeView::name).toList());
    return nodes.size() > LISTED_NODES
        ? listed + " and " + (nodes.size() - LISTED_NODES) + " more"
        : listed;
  }

  private static PoolCapacity capacity(List<NodeView> ready) {
    PoolCapacity capacity = new PoolCapacity();
    for (NodeView node : ready) {
      capacity.setCpuAllocatableMillis(
          capacity.getCpuAllocatableMillis() + node.cpuAllocatableMillis());
      capacity.setCpuFreeMillis(capacity.getCpuFreeMillis() + Math.max(0, node.cpuFreeMillis()));
      capacity.setMemoryAllocatableMiB(
          capacity.getMemoryAllocatableMiB() + node.memoryAllocatableBytes() / MIB);
      capacity.setMemoryFreeMiB(
          capacity.getMemoryFreeMiB() + Math.max(0, node.memoryFreeBytes()) / MIB);
      capacity.setGpusAllocatable(capacity.getGpusAllocatable() + node.gpusAllocatable());
      capacity.setGpusFree(capacity.getGpusFree() + Math.max(0, node.gpusFree()));
    }
    return capacity;
  }

  /** Min, median and max of the latency label; null when no member carries it. */
  static LatencySummary latency(List<NodeView> members) {
    double[] values =
        members.stream()
            .map(NodeView::latencyMs)
            .filter(Objects::nonNull)
            .mapToDouble(Double::doubleValue)
            .sorted()
            .toArray();
    if (values.length == 0) {
      return null;
    }
    int mid = values.length / 2;
    double median = values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2.0;
    return new LatencySummary(values[0], median, values[values.length - 1]);
  }
}
