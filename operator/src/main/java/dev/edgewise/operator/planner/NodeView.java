package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the planner knows about one node: readiness, platform, latency, capacity, GPUs, taints and
 * pool membership. Built by {@link NodeViews#from}; immutable.
 *
 * @param name node name
 * @param labels node labels
 * @param ready whether the node's Ready condition is True
 * @param notReadySince when the Ready condition last turned False or Unknown; null when ready or
 *     unknown (an unknown start counts as past any grace period)
 * @param platform edge framework detected from the node's labels ({@code None} for cloud nodes)
 * @param latencyMs value of the pool's latency label, or null when missing or not a number
 * @param zone value of {@code topology.kubernetes.io/zone}, or null
 * @param cpuAllocatableMillis allocatable CPU in millicores
 * @param cpuFreeMillis allocatable CPU minus the requests of non-terminated pods
 * @param memoryAllocatableBytes allocatable memory in bytes
 * @param memoryFreeBytes allocatable memory minus the requests of non-terminated pods
 * @param gpusAllocatable allocatable {@code nvidia.com/gpu}
 * @param gpusFree allocatable {@code nvidia.com/gpu} minus what non-terminated pods request
 * @param gpuProduct value of {@code nvidia.com/gpu.product}, or null
 * @param gpuMemoryMiB value of {@code nvidia.com/gpu.memory} (MiB per GPU), or null
 * @param taints the node's taints
 * @param architecture value of {@code kubernetes.io/arch}, or null
 * @param pools names of the EdgeNodePools whose selector matches the node
 */
public record NodeView(
    String name,
    Map<String, String> labels,
    boolean ready,
    Instant notReadySince,
    EdgePlatform platform,
    Double latencyMs,
    String zone,
    long cpuAllocatableMillis,
    long cpuFreeMillis,
    long memoryAllocatableBytes,
    long memoryFreeBytes,
    long gpusAllocatable,
    long gpusFree,
    String gpuProduct,
    Long gpuMemoryMiB,
    List<Taint> taints,
    String architecture,
    Set<String> pools) {

  /** Copies the collections so a view never changes under the planner. */
  public NodeView {
    labels = Map.copyOf(labels);
    taints = List.copyOf(taints);
    pools = Set.copyOf(pools);
  }

  /** Whether KubeEdge or OpenYurt attaches this node. */
  public boolean isEdge() {
    return platform != EdgePlatform.None;
  }

  /** The same view with other pool memberships. */
  public NodeView withPools(Set<String> newPools) {
    return new NodeView(
        name,
        labels,
        ready,
        notReadySince,
        platform,
        latencyMs,
        zone,
        cpuAllocatableMillis,
        cpuFreeMillis,
        memoryAllocatableBytes,
        memoryFreeBytes,
        gpusAllocatable,
        gpusFree,
        gpuProduct,
        gpuMemoryMiB,
        taints,
        architecture,
        newPools);
  }
}
