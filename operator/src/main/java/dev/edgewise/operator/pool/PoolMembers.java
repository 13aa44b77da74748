package dev.edgewise.operator.pool;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.planner.NodeViews;
import dev.edgewise.operator.planner.PoolMembership;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The member nodes of one pool, as views; pure. */
public final class PoolMembers {
  /** The latency label when a pool does not name one (the schema's default). */
  public static final String DEFAULT_LATENCY_LABEL = "edgewise.dev/latency-ms";

  private PoolMembers() {}

  public static List<NodeView> of(
      EdgeNodePool pool, List<Node> nodes, Map<String, List<Pod>> podsByNode) {
    String latencyLabel =
        Objects.requireNonNullElse(pool.getSpec().getLatencyLabel(), DEFAULT_LATENCY_LABEL);
    Set<String> poolName = Set.of(pool.getMetadata().getName());
    return nodes.stream()
        .filter(n -> PoolMembership.matches(pool.getSpec().getNodeSelector(), labels(n)))
        .map(
            n ->
                NodeViews.from(
                    n,
                    podsByNode.getOrDefault(n.getMetadata().getName(), List.of()),
                    latencyLabel,
                    poolName))
        .sorted(Comparator.comparing(NodeView::name))
        .toList();
  }

  private static Map<String, String> labels(Node node) {
    return node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
  }
}
