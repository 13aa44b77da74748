package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import io.fabric8.kubernetes.api.model.Toleration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the planner and the workload builders treat one pool's nodes.
 *
 * @param name pool name
 * @param platform edge framework of the pool
 * @param tolerations the pool's tolerations plus the platform's defaults
 * @param disconnectGracePeriod how long a NotReady node keeps its placements
 * @param maxModelsPerNode most placements one node may hold, or null for no limit
 */
public record PoolSettings(
    String name,
    EdgePlatform platform,
    List<Toleration> tolerations,
    Duration disconnectGracePeriod,
    Integer maxModelsPerNode) {

  /** The grace period when a pool does not set one. */
  public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofMinutes(5);

  /** Copies the tolerations. */
  public PoolSettings {
    tolerations = List.copyOf(tolerations);
  }

  /** Settings of a pool spec that says nothing: cloud nodes, no tolerations, 5m grace, no limit. */
  public static PoolSettings defaults(String name) {
    return new PoolSettings(name, EdgePlatform.None, List.of(), DEFAULT_GRACE_PERIOD, null);
  }

  /** The settings an EdgeNodePool asks for, with its platform's default tolerations added. */
  public static PoolSettings from(EdgeNodePool pool) {
    EdgeNodePoolSpec spec = pool.getSpec();
    EdgePlatform platform =
        spec.getEdgePlatform() == null ? EdgePlatform.None : spec.getEdgePlatform();
    List<Toleration> tolerations = new ArrayList<>(platformTolerations(platform));
    if (spec.getTolerations() != null) {
      tolerations.addAll(spec.getTolerations());
    }
    Duration grace =
        spec.getDisconnectGracePeriod() == null
            ? DEFAULT_GRACE_PERIOD
            : GoDuration.parse(spec.getDisconnectGracePeriod());
    return new PoolSettings(
        pool.getMetadata().getName(), platform, tolerations, grace, spec.getMaxModelsPerNode());
  }

  /** Tolerations every workload on the platform's nodes needs. */
  public static List<Toleration> platformTolerations(EdgePlatform platform) {
    return switch (platform) {
      case KubeEdge ->
          List.of(Tolerations.exists(NodeLabels.KUBEEDGE_EDGE, Tolerations.NO_SCHEDULE));
      case OpenYurt, None -> List.of();
    };
  }
}
