package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/** The cloud runtime Deployment of joint inference. */
class CloudRuntimeDeploymentTest {
  static final String TEACHER = "pvc://models/vision/1.2.0/model.pt";

  static Deployment build(ModelDeployment md) {
    return CloudRuntimeDeployment.build(
        md, EdgeRuntimeDeploymentTest.SETTINGS, "1.2.0", TEACHER, TestModelDeployments.SHA);
  }

  static PodSpec pod(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec();
  }

  static Map<String, String> env(Deployment deployment) {
    return EdgeRuntimeDeploymentTest.container(deployment).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void runsTheCloudReplicasNamedAfterTheModel() {
    Deployment deployment = build(TestModelDeployments.jointVision());

    assertThat(deployment.getMetadata().getName()).isEqualTo("cloud-vision");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("factory");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void oneReplicaWhenCloudReplicasIsUnset() {
    ModelDeployment md = TestModelDeployments.jointVision();
    md.getSpec().getCollaboration().setCloudReplicas(null);

    assertThat(build(md).getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void runsOnCloudNodesOnlyWithoutEdgeTolerations() {
    PodSpec pod = pod(build(TestModelDeployments.jointVision()));
    List<NodeSelectorRequirement> expressions =
        pod.getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions();

    assertThat(expressions)
        .extracting(
            NodeSelectorRequirement::getKey,
            NodeSelectorRequirement::getOperator,
            NodeSelectorRequirement::getValues)
        .contains(
            Tuple.tuple("node-role.kubernetes.io/edge", "DoesNotExist", List.of()),
            Tuple.tuple("openyurt.io/is-edge-worker", "NotIn", List.of("true")))
        .noneMatch(t -> "kubernetes.io/hostname".equals(t.toList().get(0)));
    assertThat(pod.getTolerations()).isEmpty();
    assertThat(pod.getNodeName()).isNull();
  }

  @Test
  void servesTheGivenArtifactUnderTheModelsName() {
    Deployment deployment = build(TestModelDeployments.jointVision());

    assertThat(env(deployment))
        .containsEntry("EDGEWISE_MODEL_NAME", "vision")
        .containsEntry("EDGEWISE_MODEL_VERSION", "1.2.0")
        .containsEntry("EDGEWISE_MODEL_URI", TEACHER)
        .containsEntry("EDGEWISE_MODEL_SHA256", TestModelDeployments.SHA)
        .containsEntry("EDGEWISE_MODEL_FORMAT", "TorchScript")
        .doesNotContainKeys(
            "EDGEWISE_COLLABORATION_CLOUD_URL", "EDGEWISE_COLLABORATION_HARD_EXAMPLES_DIR");
    Container container = EdgeRuntimeDeploymentTest.container(deployment);
    assertThat(container.getImage()).isEqualTo("ghcr.io/edgewise/edge-runtime:0.1.0");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
    assertThat(container.getVolumeMounts())
        .extracting(mount -> mount.getMountPath())
        .as("the pvc:// artifact's claim is mounted read-only")
        .contains("/tmp", EdgeRuntimeDeployment.MODEL_CACHE_PATH, "/pvc/models");
  }

  @Test
  void servesTheCloudModelUriWhenSetElseTheUncompressedArtifact() {
    ModelDeployment md = TestModelDeployments.jointVision();
    assertThat(CloudRuntimeDeployment.modelUri(md, TEACHER)).isEqualTo(TEACHER);
    assertThat(CloudRuntimeDeployment.modelUri(md, null)).isNull();

    md.getSpec().getCollaboration().setCloudModelUri("https://models.example/vision-full.pt");
    assertThat(CloudRuntimeDeployment.modelUri(md, TEACHER))
        .isEqualTo("https://models.example/vision-full.pt");
  }

  @Test
  void followsTheRestrictedPodSecurityProfile() {
    Deployment deployment = build(TestModelDeployments.jointVision());
    PodSpec pod = pod(deployment);
    Container container = EdgeRuntimeDeploymentTest.container(deployment);

    assertThat(pod.getSecurityContext()).isEqualTo(PodSecurity.pod());
    assertThat(container.getSecurityContext()).isEqualTo(PodSecurity.container());
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
  }

  @Test
  void labelsItAsTheCloudRoleOfTheModelsRuntimeApplication() {
    Deployment deployment = build(TestModelDeployments.jointVision());

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "edgewise-edge-runtime")
        .containsEntry("app.kubernetes.io/instance", "cloud-vision")
        .containsEntry("app.kubernetes.io/managed-by", "edgewise")
        .containsEntry("edgewise.dev/model-deployment", "vision")
        .containsEntry("edgewise.dev/model-version", "1.2.0")
        .containsEntry("edgewise.dev/role", "cloud")
        .doesNotContainKeys("edgewise.dev/node", "edgewise.dev/pool");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(deployment.getMetadata().getLabels());
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsOnlyKeys(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "edgewise.dev/role");
    assertThat(WorkloadLabels.isCloudRuntime(deployment.getMetadata().getLabels())).isTrue();
  }

  @Test
  void theEdgeServiceDoesNotSelectTheCloudPods() {
    Map<String, String> cloudPods =
        build(TestModelDeployments.jointVision()).getSpec().getTemplate().getMetadata().getLabels();
    Map<String, String> edgeSelector =
        ModelService.build(TestModelDeployments.jointVision()).getSpec().getSelector();

    assertThat(cloudPods.entrySet().containsAll(edgeSelector.entrySet())).isFalse();
  }

  @Test
  void isOwnedByTheModelDeployment() {
    assertThat(build(TestModelDeployments.jointVision()).getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("ModelDeployment");
              assertThat(owner.getName()).isEqualTo("vision");
              assertThat(owner.getUid()).isEqualTo("0b8f7c1e-uid");
              assertThat(owner.getController()).isTrue();
            });
  }

  @Test
  void getsTheOperatorsDefaultResourcesNotTheEdgePlacements() {
    RuntimeSettings withDefaults =
        new RuntimeSettings(
            "img",
            "IfNotPresent",
            new Quantity("2Gi"),
            null,
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("150m")).build());

    Deployment deployment =
        CloudRuntimeDeployment.build(
            TestModelDeployments.jointVision(), withDefaults, "1.2.0", TEACHER, null);

    assertThat(EdgeRuntimeDeploymentTest.container(deployment).getResources().getRequests())
        .containsOnly(Map.entry("cpu", new Quantity("150m")));
    assertThat(env(deployment)).doesNotContainKey("EDGEWISE_MODEL_SHA256");
  }

  @Test
  void isTheSameForTheSameInputs() {
    assertThat(build(TestModelDeployments.jointVision()))
        .isEqualTo(build(TestModelDeployments.jointVision()));
  }
}
