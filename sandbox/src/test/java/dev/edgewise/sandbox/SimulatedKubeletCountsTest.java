package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The counts the simulated Deployment controller writes once per tick. */
class SimulatedKubeletCountsTest {
  @Test
  void podsStartedThisTickCountAsTheyNowAreNotAsTheCacheHasThem() {
    Pod cachedPending = pod("a", false);
    Pod cachedReady = pod("b", true);
    Pod stillPending = pod("c", false);

    int ready =
        SimulatedKubelet.readyCount(
            List.of(cachedPending, cachedReady, stillPending), Map.of("a", true, "b", false));

    assertThat(ready).as("a started ready this tick, b lost readiness this tick").isEqualTo(1);
    assertThat(SimulatedKubelet.readyCount(List.of(cachedReady, stillPending), Map.of()))
        .isEqualTo(1);
  }

  @Test
  void theStatusCarriesTheGenerationAndTheCounts() {
    DeploymentStatus status =
        SimulatedKubelet.deploymentStatus(
            new DeploymentBuilder().withNewMetadata().withGeneration(3L).endMetadata().build(),
            2,
            1);

    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(status.getReplicas()).isEqualTo(2);
    assertThat(status.getUpdatedReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(1);
    assertThat(status.getAvailableReplicas()).isEqualTo(1);
  }

  private static Pod pod(String uid, boolean ready) {
    return new PodBuilder()
        .withNewMetadata()
        .withUid(uid)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready ? "True" : "False")
        .endCondition()
        .endStatus()
        .build();
  }
}
