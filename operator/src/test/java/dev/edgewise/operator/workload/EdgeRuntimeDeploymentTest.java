package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PoolSettings;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The edge runtime Deployment of one placement. */
class EdgeRuntimeDeploymentTest {
  static final RuntimeSettings SETTINGS =
      RuntimeSettings.defaults("ghcr.io/edgewise/edge-runtime:0.1.0");
  static final PoolSettings POOL =
      new PoolSettings(
          "factory",
          EdgePlatform.KubeEdge,
          PoolSettings.platformTolerations(EdgePlatform.KubeEdge),
          Duration.ofMinutes(10),
          null);
  static final Placement PLACEMENT =
      new Placement("edge-node-7", "factory", 12.0, 91.5, false, false);

  static Deployment build() {
    return EdgeRuntimeDeployment.build(
        TestModelDeployments.vision(),
        PLACEMENT,
        POOL,
        SETTINGS,
        "1.2.0",
        "https://artifacts.example/vision/1.2.0/model.pt",
        TestModelDeployments.SHA);
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  @Test
  void runsOneReplicaNamedAfterTheModelAndTheNode() {
    Deployment deployment = build();

    assertThat(deployment.getMetadata().getName()).isEqualTo("vision-edge-node-7");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("factory");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("edgewise.dev/node", "edge-node-7");
  }

  @Test
  void pinsThePodToTheNode() {
    List<NodeSelectorRequirement> expressions =
        build()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getAffinity()
            .getNodeAffinity()
            .getRequiredDuringSchedulingIgnoredDuringExecution()
            .getNodeSelectorTerms()
            .get(0)
            .getMatchExpressions();

    assertThat(expressions)
        .singleElement()
        .satisfies(
            requirement -> {
              assertThat(requirement.getKey()).isEqualTo("kubernetes.io/hostname");
              assertThat(requirement.getOperator()).isEqualTo("In");
              assertThat(requirement.getValues()).containsExactly("edge-node-7");
            });
  }

  @Test
  void toleratesThePoolsTaintsAndDisconnectionForTheGracePeriod() {
    List<Toleration> tolerations = build().getSpec().getTemplate().getSpec().getTolerations();

    assertThat(tolerations)
        .extracting(
            Toleration::getKey,
            Toleration::getOperator,
            Toleration::getEffect,
            Toleration::getTolerationSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "node-role.kubernetes.io/edge", "Exists", "NoSchedule", null),
            org.assertj.core.groups.Tuple.tuple(
                "node.kubernetes.io/unreachable", "Exists", "NoExecute", 600L),
            org.assertj.core.groups.Tuple.tuple(
                "node.kubernetes.io/not-ready", "Exists", "NoExecute", 600L));
  }

  @Test
  void labelsTheDeploymentAndItsPods() {
    Deployment deployment = build();

    assertThat(deployment.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "edgewise-edge-runtime")
        .containsEntry("app.kubernetes.io/instance", "vision")
        .containsEntry("app.kubernetes.io/managed-by", "edgewise")
        .containsEntry("app.kubernetes.io/version", "1.2.0")
        .containsEntry("edgewise.dev/model-deployment", "vision")
        .containsEntry("edgewise.dev/node", "edge-node-7")
        .containsEntry("edgewise.dev/model-version", "1.2.0")
        .containsEntry("edgewise.dev/pool", "factory");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(deployment.getMetadata().getLabels());
    assertThat(deployment.getSpec().getSelector().getMatchLabels())
        .containsOnlyKeys(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "edgewise.dev/node");
  }

  @Test
  void isOwnedByTheModelDeployment() {
    ModelDeployment md = TestModelDeployments.vision();

    assertThat(build().getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getApiVersion()).isEqualTo("edgewise.dev/v1alpha1");
              assertThat(owner.getKind()).isEqualTo("ModelDeployment");
              assertThat(owner.getName()).isEqualTo(md.getMetadata().getName());
              assertThat(owner.getUid()).isEqualTo("0b8f7c1e-uid");
              assertThat(owner.getController()).isTrue();
            });
  }

  @Test
  void runsTheEdgeRuntimeWithTheModelInItsEnvironment() {
    Container container = container(build());

    assertThat(container.getName()).isEqualTo("edge-runtime");
    assertThat(container.getImage()).isEqualTo("ghcr.io/edgewise/edge-runtime:0.1.0");
    assertThat(container.getPorts())
        .singleElement()
        .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
    assertThat(
            container.getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)))
        .containsEntry("EDGEWISE_MODEL_NAME", "vision")
        .containsEntry("EDGEWISE_MODEL_VERSION", "1.2.0")
        .containsEntry("EDGEWISE_MODEL_URI", "https://artifacts.example/vision/1.2.0/model.pt")
        .containsEntry("EDGEWISE_MODEL_SHA256", TestModelDeployments.SHA)
        .containsEntry("EDGEWISE_MODEL_FORMAT", "TorchScript");
    assertThat(container.getResources().getRequests()).containsEntry("cpu", new Quantity("250m"));
    assertThat(container.getResources().getLimits()).containsEntry("memory", new Quantity("512Mi"));
  }

  @Test
  void probesTheOpenInferenceProtocolHealthEndpoints() {
    Container container = container(build());

    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
    assertThat(container.getStartupProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
  }

  @Test
  void followsTheRestrictedPodSecurityProfile() {
    Deployment deployment = build();
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = container(deployment);

    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container.getSecurityContext().getSeccompProfile().getType())
        .isEqualTo("RuntimeDefault");
    assertThat(container.getVolumeMounts())
        .extracting(mount -> mount.getMountPath())
        .containsExactly("/tmp", EdgeRuntimeDeployment.MODEL_CACHE_PATH);
    assertThat(pod.getVolumes()).allSatisfy(volume -> assertThat(volume.getEmptyDir()).isNotNull());
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
  }

  @Test
  void leavesOutTheDigestWhenUnknown() {
    Deployment deployment =
        EdgeRuntimeDeployment.build(
            TestModelDeployments.vision(),
            PLACEMENT,
            POOL,
            SETTINGS,
            "1.2.0",
            "file:///m.pt",
            null);

    assertThat(container(deployment).getEnv())
        .extracting(EnvVar::getName)
        .doesNotContain("EDGEWISE_MODEL_SHA256");
  }

  @Test
  void isTheSameForTheSameInputs() {
    assertThat(build()).isEqualTo(build());
  }

  @Test
  void aModelWithoutResourcesGetsTheOperatorsDefaultRuntimeResources() {
    ModelDeployment md = TestModelDeployments.vision();
    md.getSpec().getPlacement().setResources(null);
    RuntimeSettings withDefaults =
        new RuntimeSettings(
            "img",
            "IfNotPresent",
            new Quantity("2Gi"),
            null,
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("150m")).build());

    Deployment deployment =
        EdgeRuntimeDeployment.build(md, PLACEMENT, POOL, withDefaults, "1", "file:///m.pt", null);

    assertThat(container(deployment).getResources().getRequests())
        .containsEntry("cpu", new Quantity("150m"));
  }

  @Test
  void theModelsOwnResourcesWinOverTheDefaults() {
    ModelDeployment md = TestModelDeployments.vision();
    md.getSpec()
        .getPlacement()
        .setResources(
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("400m")).build());
    RuntimeSettings withDefaults =
        new RuntimeSettings(
            "img",
            "IfNotPresent",
            new Quantity("2Gi"),
            null,
            new ResourceRequirementsBuilder().addToRequests("cpu", new Quantity("150m")).build());

    Deployment deployment =
        EdgeRuntimeDeployment.build(md, PLACEMENT, POOL, withDefaults, "1", "file:///m.pt", null);

    assertThat(container(deployment).getResources().getRequests())
        .containsEntry("cpu", new Quantity("400m"));
  }
}
