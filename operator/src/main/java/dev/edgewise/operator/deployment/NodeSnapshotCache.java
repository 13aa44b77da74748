package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.planner.NodeViews;
import dev.edgewise.operator.planner.PoolMembership;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's view of every node, shared by the reconciliations of all ModelDeployments. Building
 * a {@link NodeView} parses a node's quantities and sums its pods' requests; at 5,000 nodes doing
 * that in every reconciliation took most of the operator's CPU (make scale). Here a node's view is
 * rebuilt only when the node, the pods bound to it or the pools changed, and the whole snapshot is
 * reused while no view changed; when a few views changed, the new snapshot shares the old one's
 * arrays but for capacity ({@link NodeSnapshot#withChanged}). Checking whether a view is current
 * compares the node's resource version and its pods' uids and phases ({@link ViewKey}) and
 * allocates nothing: it runs over every node in every reconciliation.
 *
 * <p>Views carry their membership in every EdgeNodePool (the planner keeps only the requested ones)
 * and the latency read from one latency label; there is one snapshot per latency label in use.
 * Thread-safe: reconciliations run in parallel and share one instance.
 */
final class NodeSnapshotCache {
  private final Map<String, Generation> byLatencyLabel = new HashMap<>();

  /** The snapshot of the observed nodes, with latencies read from {@code latencyLabel}. */
  synchronized NodeSnapshot snapshot(Observation observed, String latencyLabel) {
    Collection<EdgeNodePool> pools = observed.allPools().values();
    String poolsKey = poolsKey(pools);
    Generation previous = byLatencyLabel.getOrDefault(latencyLabel, Generation.EMPTY);
    boolean samePools = poolsKey.equals(previous.poolsKey);
    List<Node> nodes = observed.nodes();
    boolean sameNodes = previous.snapshot != null && previous.order.length == nodes.size();
    Map<Integer, CachedView> fresh = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node node = nodes.get(i);
      String name = node.getMetadata().getName();
      List<Pod> pods = observed.podsByNode().getOrDefault(name, List.of());
      CachedView cached = previous.views.get(name);
      if (cached == null || !samePools || !cached.key.matches(node, pods)) {
        fresh.put(i, new CachedView(ViewKey.of(node, pods), view(node, pods, pools, latencyLabel)));
      }
      sameNodes = sameNodes && previous.order[i].equals(name);
    }
    if (sameNodes && fresh.isEmpty()) {
      return previous.snapshot;
    }
    Map<String, CachedView> views = new HashMap<>(nodes.size() * 2);
    List<NodeView> ordered = new ArrayList<>(nodes.size());
    String[] order = new String[nodes.size()];
    for (int i = 0; i < nodes.size(); i++) {
      order[i] = nodes.get(i).getMetadata().getName();
      CachedView view = fresh.get(i);
      if (view == null) {
        view = previous.views.get(order[i]);
      }
      views.put(order[i], view);
      ordered.add(view.view);
    }
    NodeSnapshot snapshot =
        sameNodes
            ? previous.snapshot.withChanged(
                ordered, fresh.keySet().stream().mapToInt(Integer::intValue).toArray())
            : NodeSnapshot.of(ordered);
    byLatencyLabel.put(latencyLabel, new Generation(poolsKey, order, views, snapshot));
    return snapshot;
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

  private record CachedView(ViewKey key, NodeView view) {}

  private record Generation(
      String poolsKey, String[] order, Map<String, CachedView> views, NodeSnapshot snapshot) {
    static final Generation EMPTY = new Generation(null, new String[0], Map.of(), null);
  }
}
