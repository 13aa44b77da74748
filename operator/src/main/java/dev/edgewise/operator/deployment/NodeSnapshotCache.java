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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planner's view of every node, shared by the reconciliations of all ModelDeployments. Building
 * a {@link NodeView} parses a node's quantities and sums its pods' requests; at 5,000 nodes doing
 * that in every reconciliation took most of the operator's CPU (make scale). Here a node's view is
 * rebuilt only when the node, the pods bound to it or the pools changed, and the whole snapshot is
 * reused while no view changed.
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
    Map<String, CachedView> views = new HashMap<>(observed.nodes().size() * 2);
    List<NodeView> ordered = new ArrayList<>(observed.nodes().size());
    boolean changed = previous.snapshot == null || previous.views.size() != observed.nodes().size();
    for (Node node : observed.nodes()) {
      String name = node.getMetadata().getName();
      List<Pod> pods = observed.podsByNode().getOrDefault(name, List.of());
      String key = viewKey(node, pods, poolsKey);
      CachedView cached = previous.views.get(name);
      if (cached == null || !cached.key.equals(key)) {
        cached = new CachedView(key, view(node, pods, pools, latencyLabel));
        changed = true;
      }
      views.put(name, cached);
      ordered.add(cached.view);
    }
    if (!changed) {
      return previous.snapshot;
    }
    Generation next = new Generation(views, NodeSnapshot.of(ordered));
    byLatencyLabel.put(latencyLabel, next);
    return next.snapshot;
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

  /**
   * What a node's view depends on: the node's version, each bound pod and its phase (requests are
   * immutable), and the pools' selectors.
   */
  private static String viewKey(Node node, List<Pod> pods, String poolsKey) {
    StringBuilder key = new StringBuilder(64 + pods.size() * 48);
    key.append(node.getMetadata().getResourceVersion()).append('|').append(poolsKey);
    for (Pod pod : pods) {
      key.append('|')
          .append(pod.getMetadata().getUid())
          .append(':')
          .append(pod.getStatus() == null ? null : pod.getStatus().getPhase());
    }
    return key.toString();
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

  private record CachedView(String key, NodeView view) {}

  private record Generation(Map<String, CachedView> views, NodeSnapshot snapshot) {
    static final Generation EMPTY = new Generation(Map.of(), null);
  }
}
