package dev.edgewise.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class FleetMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FleetMetrics metrics = new FleetMetrics(registry);

  @Test
  void gaugesFollowEachModelDeploymentsLatestStatus() {
    metrics.record("default/a", status(false, "north", "north", "south"));
    metrics.record("default/b", status(true, "north"));
    assertThat(placements("north")).isEqualTo(3);
    assertThat(placements("south")).isEqualTo(1);
    assertThat(gauge("edgewise.rollouts.in.progress")).isEqualTo(1);

    metrics.record("default/a", status(false, "south"));
    assertThat(placements("north")).isEqualTo(1);
    assertThat(placements("south")).isEqualTo(1);

    metrics.record("default/b", null);
    assertThat(placements("north")).isZero();
    assertThat(gauge("edgewise.rollouts.in.progress")).isZero();
    assertThat(gauge("edgewise.placements.disconnected")).isEqualTo(1);
  }

  private double placements(String pool) {
    return registry.get("edgewise.placements").tag("pool", pool).gauge().value();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  /** Placements in the given pools, the first one disconnected; rolling out when asked. */
  private static ModelDeploymentStatus status(boolean rollingOut, String... pools) {
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    for (int i = 0; i < pools.length; i++) {
      PlacementStatus placement = new PlacementStatus();
      placement.setPool(pools[i]);
      placement.setDisconnected(i == 0);
      status.getPlacements().add(placement);
    }
    if (rollingOut) {
      RolloutStatus rollout = new RolloutStatus();
      rollout.setTarget(new ArtifactStatus());
      status.setRollout(rollout);
    }
    return status;
  }
}
