package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

/** The Service in front of a ModelDeployment's runtimes. */
class ModelServiceTest {

  @Test
  void selectsEveryRuntimePodOfTheModelOnPort8080() {
    Service service = ModelService.build(TestModelDeployments.vision());

    assertThat(service.getMetadata().getName()).isEqualTo("vision");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("factory");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSelector())
        .containsOnly(
            java.util.Map.entry("app.kubernetes.io/name", "edgewise-edge-runtime"),
            java.util.Map.entry("app.kubernetes.io/instance", "vision"));
    assertServesHttpOn8080(service);
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getController()).isTrue());
  }

  @Test
  void theSelectorMatchesTheRuntimePods() {
    var pods =
        EdgeRuntimeDeployment.build(
                TestModelDeployments.vision(),
                EdgeRuntimeDeploymentTest.PLACEMENT,
                EdgeRuntimeDeploymentTest.POOL,
                EdgeRuntimeDeploymentTest.SETTINGS,
                "1.2.0",
                "file:///m.pt",
                null)
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels();

    assertThat(pods)
        .containsAllEntriesOf(
            ModelService.build(TestModelDeployments.vision()).getSpec().getSelector());
  }

  @Test
  void theCloudServiceSelectsTheCloudRuntimePodsOnPort8080() {
    Service service = ModelService.cloud(TestModelDeployments.jointVision());
    var cloudPods =
        CloudRuntimeDeploymentTest.build(TestModelDeployments.jointVision())
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getLabels();

    assertThat(service.getMetadata().getName()).isEqualTo("cloud-vision");
    assertThat(service.getMetadata().getNamespace()).isEqualTo("factory");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
    assertThat(service.getSpec().getSelector())
        .containsOnly(
            java.util.Map.entry("app.kubernetes.io/name", "edgewise-edge-runtime"),
            java.util.Map.entry("app.kubernetes.io/instance", "cloud-vision"),
            java.util.Map.entry("edgewise.dev/role", "cloud"));
    assertThat(cloudPods).containsAllEntriesOf(service.getSpec().getSelector());
    assertServesHttpOn8080(service);
    assertThat(service.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/managed-by", "edgewise")
        .containsEntry("edgewise.dev/model-deployment", "vision")
        .containsEntry("edgewise.dev/role", "cloud");
    assertThat(service.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("0b8f7c1e-uid"));
  }

  private static void assertServesHttpOn8080(Service service) {
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(
            port -> {
              assertThat(port.getPort()).isEqualTo(8080);
              assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
  }
}
