package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.Test;

/** Which runtime Deployment updates reach the ModelDeployment reconciler. */
class OwnedWorkloadsTest {

  @Test
  void statusWritesBeforeTheRuntimeIsReadyDoNotMatter() {
    Deployment created = runtime(1L, null, null, null);
    Deployment observed = runtime(1L, 1L, 0, 0);

    assertThat(OwnedWorkloads.runtimeChanged(observed, created)).isFalse();
  }

  @Test
  void becomingReadyOrLosingAReadyReplicaMatters() {
    Deployment starting = runtime(1L, 1L, 0, 1);
    Deployment ready = runtime(1L, 1L, 1, 1);

    assertThat(OwnedWorkloads.runtimeChanged(ready, starting)).isTrue();
    assertThat(OwnedWorkloads.runtimeChanged(starting, ready)).isTrue();
  }

  @Test
  void aNewTemplateOrNewLabelsMatter() {
    Deployment ready = runtime(1L, 1L, 1, 1);
    Deployment updated = runtime(2L, 1L, 1, 1);
    Deployment relabelled =
        new DeploymentBuilder(ready).editMetadata().addToLabels("x", "y").endMetadata().build();

    assertThat(OwnedWorkloads.runtimeChanged(updated, ready)).isTrue();
    assertThat(OwnedWorkloads.runtimeChanged(relabelled, ready)).isTrue();
  }

  private static Deployment runtime(
      Long generation, Long observedGeneration, Integer ready, Integer updated) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName("vision-a")
        .withGeneration(generation)
        .addToLabels("edgewise.dev/node", "a")
        .endMetadata()
        .withNewStatus()
        .withObservedGeneration(observedGeneration)
        .withReadyReplicas(ready)
        .withUpdatedReplicas(updated)
        .endStatus()
        .build();
  }
}
