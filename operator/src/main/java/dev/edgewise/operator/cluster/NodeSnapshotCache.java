package dev.edgewise.operator.cluster;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.planner.NodeViews;
import dev.edgewise.operator.planner.PoolMembership;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The views of every node, shared by the reconciliations of one controller (the planner's for all
 * ModelDeployments, the pool status for all EdgeNodePools). Building a {@link NodeView} parses a
 * node's quantities and sums its pods' requests, and even checking 5,000 nodes for changes in every
 * reconciliation took a fifth of the operator's CPU (make scale). The node and pod informers
 * therefore tell this cache which nodes changed ({@link NodeChanges}); a snapshot rebuilds only
 * those nodes' views, from the informer cache and its pod index, on top of the previous snapshot
 * ({@link NodeSnapshot#withChanged}), and is reused as is while nothing changed. A node joining or
 * leaving, or another pool selector, rebuilds everything.
 *
 * <p>Views carry their membership in every EdgeNodePool (the planner keeps only the requested ones)
 * and the latency read from one latency label; there is one snapshot per latency label in use.
 * Thread-safe: informers report changes while reconciliations, in parallel, take snapshots.
 */
public final class NodeSnapshotCache implements NodeChanges {
  private final Map<String, Generation> byLatencyLabel = new ConcurrentHashMap<>();

  @Override
  public void nodeChanged(String node) {
    byLatencyLabel.values().forEach(generation -> generation.dirty.add(node));
  }

  @Override
  public void nodesAddedOrRemoved() {
    byLatencyLabel.values().forEach(generation -> generation.stale = true);
  }

  /**
   * The snapshot of the {@code cluster}'s nodes, with their membership in {@code pools} and
   * latencies read from {@code latencyLabel}.
   */
  public synchronized NodeSnapshot snapshot(
      NodesAndPods cluster, Collection<EdgeNodePool> pools, String latencyLabel) {
    String poolsKey = poolsKey(pools);
    Generation current = byLatencyLabel.get(latencyLabel);
    if (current == null || current.stale || !poolsKey.equals(current.poolsKey)) {
      return rebuild(cluster, pools, poolsKey, latencyLabel);
    }
    if (current.dirty.isEmpty()) {
      return current.snapshot;
    }
    List<NodeView> views = new ArrayList<>(current.snapshot.views());
    List<Integer> changed = new ArrayList<>();
    for (Iterator<String> dirty = current.dirty.iterator(); dirty.hasNext(); ) {
      // Removed before the node is read: a change reported meanwhile marks it dirty again.
      String name = dirty.next();
      dirty.remove();
      int index = current.snapshot.indexOf(name);
      Optional<Node> node = cluster.node(name);
      if (index < 0 || node.isEmpty()) {
        return rebuild(cluster, pools, poolsKey, latencyLabel);
      }
      views.set(index, view(node.get(), cluster.podsOn(name), pools, latencyLabel));
      changed.add(index);
    }
    current.snapshot =
        current.snapshot.withChanged(views, changed.stream().mapToInt(Integer::intValue).toArray());
    return current.snapshot;
  }

  /**
   * Every view built anew. The generation is registered before the informer caches are read, so a
   * change reported during the read marks it dirty rather than being lost.
   */
  private NodeSnapshot rebuild(
      NodesAndPods cluster, Collection<EdgeNodePool> pools, String poolsKey, String latencyLabel) {
    Generation generation = new Generation(poolsKey);
    byLatencyLabel.put(latencyLabel, generation);
    List<Node> nodes = cluster.nodes();
    Map<String, List<Pod>> podsByNode = cluster.podsByNode();
    List<NodeView> views = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      String name = node.getMetadata().getName();
      views.add(view(node, podsByNode.getOrDefault(name, List.of()), pools, latencyLabel));
    }
    generation.snapshot = NodeSnapshot.of(views);
    return generation.snapshot;
  }

  private static NodeView view(
      Node node, List<Pod> pods, Collection<EdgeNodePool> pools, String latencyLabel) {
    Map<String, String> labels =
        node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
    Set<String> memberOf = new LinkedHashSet<>();
    for (EdgeNodePool pool : pools) {
      if (PoolMembership.matches(pool.getSpec().getNodeSelector(), labels)) {
        memberOf.add(pool.getMetadata().getName());
      }
    }
    return NodeViews.from(node, pods, latencyLabel, memberOf);
  }

  private static String poolsKey(Collection<EdgeNodePool> pools) {
    StringBuilder key = new StringBuilder();
    for (EdgeNodePool pool : pools) {
      key.append(pool.getMetadata().getName())
          .append('=')
          .append(pool.getSpec().getNodeSelector())
          .append(';');
    }
    return key.toString();
  }

  /**
   * The snapshot for one latency label and pool set, and what changed since it was taken: nodes
   * whose views are out of date, or the node set itself.
   */
  private static final class Generation {
    final String poolsKey;
    final Set<String> dirty = ConcurrentHashMap.newKeySet();
    volatile boolean stale;
    NodeSnapshot snapshot;

    Generation(String poolsKey) {
      this.poolsKey = poolsKey;
    }
  }
}
