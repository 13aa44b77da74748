package dev.edgewise.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class FleetMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FleetMetrics metrics = new FleetMetrics(registry);

  @Test
  void gaugesFollowEachModelDeploymentsLatestStatus() {
    metrics.record("default", "a", status(false, "north", "north", "south"));
    metrics.record("default", "b", status(true, "north"));
    assertThat(placements("north")).isEqualTo(3);
    assertThat(placements("south")).isEqualTo(1);
    assertThat(gauge("edgewise.rollouts.in.progress")).isEqualTo(1);

    metrics.record("default", "a", status(false, "south"));
    assertThat(placements("north")).isEqualTo(1);
    assertThat(placements("south")).isEqualTo(1);

    metrics.record("default", "b", null);
    assertThat(placements("north")).isZero();
    assertThat(gauge("edgewise.rollouts.in.progress")).isZero();
    assertThat(gauge("edgewise.placements.disconnected")).isEqualTo(1);
  }

  @Test
  void eachModelDeploymentHasItsOwnPlacementGauges() {
    metrics.record("ml", "a", status(false, "north", "north", "south"));
    metrics.record("other", "a", status(false, "north"));

    assertThat(own("edgewise.modeldeployment.placements", "ml", "a")).isEqualTo(3);
    assertThat(own("edgewise.modeldeployment.placements.disconnected", "ml", "a")).isEqualTo(1);
    assertThat(own("edgewise.modeldeployment.placements", "other", "a")).isEqualTo(1);

    metrics.record("ml", "a", status(false));
    assertThat(own("edgewise.modeldeployment.placements", "ml", "a")).isZero();
    assertThat(own("edgewise.modeldeployment.placements.disconnected", "ml", "a")).isZero();
  }

  @Test
  void aConditionIsOneSeriesWithItsCurrentStatusAndReason() {
    ModelDeploymentStatus rolling = status(true, "north");
    condition(rolling, "RolledOut", "Unknown", "Progressing");
    condition(rolling, "Ready", "True", "RuntimesReady");
    metrics.record("ml", "a", rolling);
    assertThat(conditions("ml", "a"))
        .containsExactly("Ready/True/RuntimesReady", "RolledOut/Unknown/Progressing");

    ModelDeploymentStatus failed = status(false, "north");
    condition(failed, "RolledOut", "False", "RolloutFailed");
    metrics.record("ml", "a", failed);

    assertThat(conditions("ml", "a")).containsExactly("RolledOut/False/RolloutFailed");
    assertThat(
            registry
                .get("edgewise.modeldeployment.condition")
                .tags("type", "RolledOut", "status", "False", "reason", "RolloutFailed")
                .gauge()
                .value())
        .isEqualTo(1);
  }

  @Test
  void cloudReplicaGaugesExistOnlyWithJointInference() {
    ModelDeploymentStatus joint = status(false, "north");
    CloudRuntimeStatus cloud = new CloudRuntimeStatus();
    cloud.setReplicas(2);
    cloud.setReadyReplicas(0);
    joint.setCloud(cloud);
    metrics.record("ml", "joint", joint);
    metrics.record("ml", "edge-only", status(false, "north"));

    assertThat(own("edgewise.modeldeployment.cloud.replicas", "ml", "joint")).isEqualTo(2);
    assertThat(own("edgewise.modeldeployment.cloud.replicas.ready", "ml", "joint")).isZero();
    assertThat(ownSearch("edgewise.modeldeployment.cloud.replicas", "ml", "edge-only").gauges())
        .isEmpty();

    metrics.record("ml", "joint", status(false, "north"));
    assertThat(ownSearch("edgewise.modeldeployment.cloud.replicas", "ml", "joint").gauges())
        .isEmpty();
  }

  @Test
  void aDeletedModelDeploymentLeavesNoSeries() {
    ModelDeploymentStatus status = status(false, "north");
    condition(status, "Ready", "True", "RuntimesReady");
    metrics.record("ml", "a", status);
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace("ml").withName("a").build());
    Event deleted = new ResourceEvent(ResourceAction.DELETED, ResourceID.fromResource(md), md);

    ReconcileMetrics.deletedModelDeployment(deleted)
        .ifPresent(d -> metrics.forget(d.getMetadata().getNamespace(), d.getMetadata().getName()));

    assertThat(registry.find("edgewise.modeldeployment.placements").gauges()).isEmpty();
    assertThat(registry.find("edgewise.modeldeployment.condition").gauges()).isEmpty();
    assertThat(placements("north")).isZero();
  }

  @Test
  void onlyAModelDeploymentsDeletionCounts() {
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withNamespace("ml").withName("a").build());
    Deployment deployment = new Deployment();
    deployment.setMetadata(new ObjectMetaBuilder().withNamespace("ml").withName("a").build());
    ResourceID id = ResourceID.fromResource(md);

    assertThat(
            ReconcileMetrics.deletedModelDeployment(
                new ResourceEvent(ResourceAction.UPDATED, id, md)))
        .isEmpty();
    assertThat(
            ReconcileMetrics.deletedModelDeployment(
                new ResourceEvent(ResourceAction.DELETED, id, deployment)))
        .isEmpty();
    assertThat(ReconcileMetrics.deletedModelDeployment(new Event(id))).isEmpty();
  }

  private double placements(String pool) {
    return registry.get("edgewise.placements").tag("pool", pool).gauge().value();
  }

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private Search ownSearch(String name, String namespace, String md) {
    return registry
        .find(name)
        .tag(FleetMetrics.NAMESPACE_TAG, namespace)
        .tag(FleetMetrics.NAME_TAG, md);
  }

  private double own(String name, String namespace, String md) {
    Gauge gauge = ownSearch(name, namespace, md).gauge();
    assertThat(gauge).as(name + " of " + namespace + "/" + md).isNotNull();
    return gauge.value();
  }

  private List<String> conditions(String namespace, String md) {
    return ownSearch("edgewise.modeldeployment.condition", namespace, md).gauges().stream()
        .map(
            g ->
                g.getId().getTag("type")
                    + "/"
                    + g.getId().getTag("status")
                    + "/"
                    + g.getId().getTag("reason"))
        .sorted()
        .collect(Collectors.toList());
  }

  private static void condition(
      ModelDeploymentStatus status, String type, String value, String reason) {
    status
        .getConditions()
        .add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).build());
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
