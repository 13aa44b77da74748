package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The node views of one planning round laid out in flat arrays, so that planning many
 * ModelDeployments over the same nodes reads primitives instead of chasing objects. Build it once
 * per round with {@link #of} and pass it to every {@link PlacementPlanner#plan} of the round.
 * Immutable.
 */
public final class NodeSnapshot {
  private static final long UNKNOWN_SINCE = Long.MIN_VALUE;
  private static final int FEW_TAINT_SETS = 8;

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

  /**
   * The snapshot with some views replaced, sharing every array the changed views leave alone. Only
   * for views of the same nodes, in the same order, with the same zone, taints and pools (the
   * interned ids stay valid); capacity, readiness and latency may differ.
   */
  private NodeSnapshot(NodeSnapshot previous, List<NodeView> views, int[] changed) {
    this.views = List.copyOf(views);
    indexByName = previous.indexByName;
    names = previous.names;
    zoneIds = previous.zoneIds;
    taintSetIds = previous.taintSetIds;
    poolIds = previous.poolIds;
    poolMasks = previous.poolMasks;
    zoneCount = previous.zoneCount;
    taintSets.addAll(previous.taintSets);
    poolIdsByName.putAll(previous.poolIdsByName);
    ready = previous.ready.clone();
    notReadySinceMillis = previous.notReadySinceMillis.clone();
    latencyMs = previous.latencyMs.clone();
    cpuAllocatable = previous.cpuAllocatable.clone();
    cpuFree = previous.cpuFree.clone();
    memoryAllocatable = previous.memoryAllocatable.clone();
    memoryFree = previous.memoryFree.clone();
    for (int i : changed) {
      fillCapacity(i, this.views.get(i));
    }
  }

  private void fillCapacity(int i, NodeView node) {
    ready[i] = node.ready();
    notReadySinceMillis[i] =
        node.notReadySince() == null ? UNKNOWN_SINCE : node.notReadySince().toEpochMilli();
    latencyMs[i] = node.latencyMs() == null ? Double.NaN : node.latencyMs();
    cpuAllocatable[i] = node.cpuAllocatableMillis();
    cpuFree[i] = node.cpuFreeMillis();
    memoryAllocatable[i] = node.memoryAllocatableBytes();
    memoryFree[i] = node.memoryFreeBytes();
  }

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
    Map<String, Integer> taintSetIndex = new HashMap<>();
    for (int i = 0; i < size; i++) {
      NodeView node = this.views.get(i);
      names[i] = node.name();
      indexByName.putIfAbsent(node.name(), i);
      fillCapacity(i, node);
      zoneIds[i] = internZone(node.zone() == null ? "" : node.zone(), zones);
      taintSetIds[i] = internTaints(node.taints(), taintSetIndex);
      poolIds[i] = internPools(node.pools());
      for (int id : poolIds[i]) {
        if (id < Long.SIZE) {
          poolMasks[i] |= 1L << id;
        }
      }
    }
    zoneCount = zones.size();
  }

  /** Id of the node's taint list; equal lists share one, the empty list is always id 0. */
  private int internTaints(List<Taint> taints, Map<String, Integer> index) {
    if (taintSets.isEmpty()) {
      taintSets.add(List.of());
    }
    if (taints.isEmpty()) {
      return 0;
    }
    if (taintSets.size() <= FEW_TAINT_SETS) {
      for (int id = 1; id < taintSets.size(); id++) {
        if (taintSets.get(id).equals(taints)) {
          return id;
        }
      }
    }
    StringBuilder key = new StringBuilder();
    for (Taint taint : taints) {
      key.append(taint.getKey())
          .append('=')
          .append(taint.getValue())
          .append(':')
          .append(taint.getEffect())
          .append('\n');
    }
    Integer id = index.get(key.toString());
    if (id == null) {
      id = taintSets.size();
      taintSets.add(taints);
      index.put(key.toString(), id);
    }
    return id;
  }

  private static int internZone(String zone, Map<String, Integer> zones) {
    Integer id = zones.get(zone);
    if (id == null) {
      id = zones.size();
      zones.put(zone, id);
    }
    return id;
  }

  private int[] internPools(Set<String> pools) {
    int[] ids = new int[pools.size()];
    int next = 0;
    for (String pool : pools) {
      Integer id = poolIdsByName.get(pool);
      if (id == null) {
        id = poolIdsByName.size();
        poolIdsByName.put(pool, id);
      }
      ids[next++] = id;
    }
    return ids;
  }

  /** The snapshot of these node views. */
  public static NodeSnapshot of(List<NodeView> nodes) {
    return new NodeSnapshot(nodes);
  }

  /**
   * The snapshot of {@code nodes}, the views of this snapshot with those at the indices {@code
   * changed} replaced. Copies only the per-node capacity arrays when the replaced views keep their
   * node's name, zone, taints and pools (a pod bound or ended, a node turning ready); else builds
   * the snapshot anew, like {@link #of}.
   */
  public NodeSnapshot withChanged(List<NodeView> nodes, int[] changed) {
    if (nodes.size() != views.size()) {
      return of(nodes);
    }
    for (int i : changed) {
      NodeView before = views.get(i);
      NodeView after = nodes.get(i);
      if (!before.name().equals(after.name())
          || !Objects.equals(before.zone(), after.zone())
          || !before.taints().equals(after.taints())
          || !before.pools().equals(after.pools())) {
        return of(nodes);
      }
    }
    return new NodeSnapshot(this, nodes, changed);
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
  public int indexOf(String name) {
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
