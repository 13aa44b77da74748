package dev.edgewise.operator.pool;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The member nodes of one pool, as views; pure. */
public final class PoolMembers {
  /** The latency label when a pool does not name one (the schema's default). */
  public static final String DEFAULT_LATENCY_LABEL = "edgewise.dev/latency-ms";

  private PoolMembers() {}

  /** The views of {@code snapshot} that belong to {@code pool}, by node name. */
  public static List<NodeView> of(EdgeNodePool pool, NodeSnapshot snapshot) {
    String name = pool.getMetadata().getName();
    return snapshot.views().stream()
        .filter(view -> view.pools().contains(name))
        .sorted(Comparator.comparing(NodeView::name))
        .toList();
  }

  /** The node label the pool reads latencies from. */
  public static String latencyLabel(EdgeNodePool pool) {
    return Objects.requireNonNullElse(pool.getSpec().getLatencyLabel(), DEFAULT_LATENCY_LABEL);
  }
}
