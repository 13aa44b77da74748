package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The node views of one planning round laid out in flat arrays, so that planning many
 * ModelDeployments over the same nodes reads primitives instead of chasing objects. Build it once
 * per round with {@link #of} and pass it to every {@link PlacementPlanner#plan} of the round.
 * Immutable.
 */
public final class NodeSnapshot {
  private static final long UNKNOWN_SINCE = Long.MIN_VALUE;

  private final List<NodeView> views;
  private final Map<String, Integer> indexByName;
  final String[] names;
  final boolean[] ready;
  final long[] notReadySinceMillis;
  final double[] latencyMs;
  final long[] cpuAllocatable;
  final long[] cpuFree;
  final long[] memoryAllocatable;
  final long[] memoryFree;
  final int[] zoneIds;
  final int[] taintSetIds;
  final int[][] poolIds;
  final long[] poolMasks;
  final int zoneCount;
  private final List<List<Taint>> taintSets = new ArrayList<>();
  private final Map<String, Integer> poolIdsByName = new HashMap<>();

  private NodeSnapshot(List<NodeView> views) {
    int size = views.size();
    this.views = List.copyOf(views);
    this.indexByName = new HashMap<>(size * 2);
    names = new String[size];
    ready = new boolean[size];
    notReadySinceMillis = new long[size];
    latencyMs = new double[size];
    cpuAllocatable = new long[size];
    cpuFree = new long[size];
    memoryAllocatable = new long[size];
    memoryFree = new long[size];
    zoneIds = new int[size];
    taintSetIds = new int[size];
    poolIds = new int[size][];
    poolMasks = new long[size];
    Map<String, Integer> zones = new HashMap<>();
    Map<List<Taint>, Integer> taintSetIndex = new HashMap<>();
    for (int i = 0; i < size; i++) {
      NodeView node = this.views.get(i);
      names[i] = node.name();
      indexByName.putIfAbsent(node.name(), i);
      ready[i] = node.ready();
      notReadySinceMillis[i] =
          node.notReadySince() == null ? UNKNOWN_SINCE : node.notReadySince().toEpochMilli();
      latencyMs[i] = node.latencyMs() == null ? Double.NaN : node.latencyMs();
      cpuAllocatable[i] = node.cpuAllocatableMillis();
      cpuFree[i] = node.cpuFreeMillis();
      memoryAllocatable[i] = node.memoryAllocatableBytes();
      memoryFree[i] = node.memoryFreeBytes();
      zoneIds[i] = zones.computeIfAbsent(node.zone() == null ? "" : node.zone(), z -> zones.size());
      taintSetIds[i] =
          taintSetIndex.computeIfAbsent(
              node.taints(),
              taints -> {
                taintSets.add(taints);
                return taintSets.size() - 1;
              });
      poolIds[i] =
          node.pools().stream()
              .mapToInt(pool -> poolIdsByName.computeIfAbsent(pool, p -> poolIdsByName.size()))
              .toArray();
      for (int id : poolIds[i]) {
        if (id < Long.SIZE) {
          poolMasks[i] |= 1L << id;
        }
      }
    }
    zoneCount = zones.size();
  }

  /** The snapshot of these node views. */
  public static NodeSnapshot of(List<NodeView> nodes) {
    return new NodeSnapshot(nodes);
  }

  /** Number of nodes. */
  public int size() {
    return names.length;
  }

  /** The node views, in the order given. */
  public List<NodeView> views() {
    return views;
  }

  /** Index of the named node, or -1. */
  int indexOf(String name) {
    Integer index = indexByName.get(name);
    return index == null ? -1 : index;
  }

  /** Id of a pool among the nodes' pools, or -1 when no node belongs to it. */
  int poolId(String pool) {
    Integer id = poolIdsByName.get(pool);
    return id == null ? -1 : id;
  }

  /** Whether node {@code i} belongs to the pool with this id. */
  boolean inPool(int i, int poolId) {
    if (poolId < Long.SIZE) {
      return (poolMasks[i] & (1L << poolId)) != 0;
    }
    for (int id : poolIds[i]) {
      if (id == poolId) {
        return true;
      }
    }
    return false;
  }

  /** Number of distinct taint lists among the nodes. */
  int taintSetCount() {
    return taintSets.size();
  }

  /** The taint list with this id. */
  List<Taint> taintSet(int id) {
    return taintSets.get(id);
  }

  /**
   * Whether node {@code i} has been NotReady for less than the grace period at {@code nowMillis}.
   */
  boolean withinGracePeriod(int i, long nowMillis, long graceMillis) {
    return notReadySinceMillis[i] != UNKNOWN_SINCE
        && nowMillis < notReadySinceMillis[i] + graceMillis;
  }
}
