package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** When a runtime Deployment counts as ready on its current template. */
class RuntimeFleetTest {
  private static Deployment deployment(
      long generation, Long observed, int replicas, int updated, int ready) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("digits-edge-n1")
        .withGeneration(generation)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(observed)
        .withReplicas(replicas)
        .withUpdatedReplicas(updated)
        .withReadyReplicas(ready)
        .endStatus()
        .build();
  }

  @Test
  void theNewPodReadyAndTheOldOneGoneIsReady() {
    assertThat(RuntimeFleet.isReady(deployment(2, 2L, 1, 1, 1))).isTrue();
  }

  @Test
  void midRollingUpdateTheOldReadyPodDoesNotMakeTheNewVersionReady() {
    // maxSurge: the new pod (updated, not ready) beside the old one (ready).
    assertThat(RuntimeFleet.isReady(deployment(2, 2L, 2, 1, 1))).isFalse();
  }

  @Test
  void theNewPodReadyWhileTheOldOneTerminatesIsNotReadyYet() {
    assertThat(RuntimeFleet.isReady(deployment(2, 2L, 2, 1, 2))).isFalse();
  }

  @Test
  void aGenerationTheControllerHasNotSeenIsNotReady() {
    assertThat(RuntimeFleet.isReady(deployment(3, 2L, 1, 1, 1))).isFalse();
  }

  @Test
  void noReadyReplicaIsNotReady() {
    assertThat(RuntimeFleet.isReady(deployment(2, 2L, 1, 1, 0))).isFalse();
  }
}
