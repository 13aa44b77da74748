package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.SandboxFixtures.cloudRuntimes;
import static dev.edgewise.operator.deployment.SandboxFixtures.conditionReason;
import static dev.edgewise.operator.deployment.SandboxFixtures.conditionStatus;
import static dev.edgewise.operator.deployment.SandboxFixtures.env;
import static dev.edgewise.operator.deployment.SandboxFixtures.get;
import static dev.edgewise.operator.deployment.SandboxFixtures.kubeEdgePool;
import static dev.edgewise.operator.deployment.SandboxFixtures.model;
import static dev.edgewise.operator.deployment.SandboxFixtures.pods;
import static dev.edgewise.operator.deployment.SandboxFixtures.pool;
import static dev.edgewise.operator.deployment.SandboxFixtures.runtimes;
import static dev.edgewise.operator.deployment.SandboxFixtures.setConnected;
import static dev.edgewise.operator.deployment.SandboxFixtures.yurtPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.operator.sandbox.SandboxResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ModelDeployment reconciler on the sandbox's simulated cluster (the fabric8 mock API server
 * with the simulated kubelet): rollouts, the training and compression pipeline, disconnections,
 * joint inference.
 */
@QuarkusTest
@QuarkusTestResource(value = SandboxResource.class, restrictToAnnotatedClass = true)
class ModelDeploymentReconcilerTest {
  private KubernetesClient client;

  @BeforeEach
  void pools() {
    client = SandboxResource.sandbox().client();
    kubeEdgePool(client);
    pool(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata: {name: south}
        spec:
          edgePlatform: KubeEdge
          disconnectGracePeriod: 3s
          nodeSelector:
            matchLabels: {topology.kubernetes.io/zone: south}
        """);
    yurtPool(client);
  }

  @Test
  void rollsOutToTheNodesWithinTheLatencyBudgetSpreadOverZones() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: digits, namespace: default}
        spec:
          model: {uri: "https://models.example/digits/student-v1.pt", version: v1}
          placement:
            pools: [kubeedge]
            replicas: 3
            maxLatencyMs: 20
            spreadBy: topology.kubernetes.io/zone
            resources: {requests: {cpu: 250m, memory: 256Mi}}
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "digits");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(conditionStatus(md, "Ready")).isEqualTo("True");
              assertThat(md.getStatus().getReady()).isEqualTo("3/3");
              assertThat(md.getStatus().getPlacements())
                  .extracting(PlacementStatus::getLatencyMs)
                  .allMatch(latency -> latency <= 20.0);
              assertThat(
                      md.getStatus().getPlacements().stream()
                          .map(p -> p.getNode().replaceAll("-\\d+$", ""))
                          .distinct())
                  .hasSize(3);
            });
    ModelDeployment settled = get(client, "default", "digits");
    assertThat(settled.getMetadata().getGeneration())
        .as("the operator never writes to spec, so GitOps tools see no drift")
        .isEqualTo(1L);
    assertThat(settled.getSpec().getPlacement().getReplicas()).isEqualTo(3);
    assertThat(settled.getSpec().getRollout()).isNull();
    List<Deployment> runtimes = runtimes(client, "default", "digits");
    assertThat(runtimes).hasSize(3);
    assertThat(runtimes)
        .allSatisfy(
            d -> {
              assertThat(d.getMetadata().getOwnerReferences())
                  .singleElement()
                  .satisfies(o -> assertThat(o.getKind()).isEqualTo("ModelDeployment"));
              assertThat(d.getSpec().getTemplate().getSpec().getTolerations())
                  .anyMatch(t -> "node-role.kubernetes.io/edge".equals(t.getKey()));
            });
    assertThat(client.services().inNamespace("default").withName("digits").get()).isNotNull();
  }

  @Test
  void trainsOnAGpuNodeThenCompressesThenRollsOut() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: trained, namespace: default}
        spec:
          model: {uri: "pvc://models/digits/base.pt", version: teacher-v2}
          training:
            image: trainer:1
            gpuProduct: NVIDIA-A10G
            minGpuMemoryMiB: 16000
            outputUri: pvc://models/digits/teacher-v2.pt
          compression: {method: Int8, maxAccuracyDrop: 0.5, evaluationDataUri: "pvc://models/digits/eval.csv"}
          placement: {pools: [yurt], perNode: true}
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "trained");
              assertThat(conditionStatus(md, "Trained")).isEqualTo("True");
              assertThat(conditionStatus(md, "Compressed")).isEqualTo("True");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(md.getStatus().getArtifact().getCompressionRatio()).isGreaterThan(3.5);
              assertThat(md.getStatus().getArtifact().getUri())
                  .isEqualTo("pvc://edgewise-artifacts/trained/teacher-v2/model.ewz");
              assertThat(md.getStatus().getReady()).isEqualTo("3/3");
            });
    var job =
        client
            .batch()
            .v1()
            .jobs()
            .inNamespace("default")
            .withLabel("app.kubernetes.io/name", "edgewise-training")
            .withLabel("edgewise.dev/model-deployment", "trained")
            .list()
            .getItems()
            .get(0);
    assertThat(
            job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
        .containsKey("nvidia.com/gpu");
    assertThat(runtimes(client, "default", "trained"))
        .allSatisfy(
            d ->
                assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                    .anyMatch(e -> e.getValue() != null && e.getValue().endsWith("model.ewz")));
  }

  @Test
  void reportsThatNoGpuNodeFitsAndCreatesNoJob() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: no-gpu, namespace: default}
        spec:
          model: {uri: "pvc://models/digits/base.pt", version: v9}
          training: {image: trainer:1, gpuProduct: NVIDIA-H100, outputUri: "pvc://models/digits/v9.pt"}
          placement: {pools: [yurt], replicas: 1}
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "no-gpu");
              assertThat(conditionStatus(md, "Trained")).isEqualTo("False");
              assertThat(conditionReason(md, "Trained")).isEqualTo("NoGpuNodeFits");
              assertThat(SandboxFixtures.condition(md, "Trained").orElseThrow().getMessage())
                  .startsWith("0/18 nodes fit:")
                  .contains("other GPU product");
            });
    assertThat(
            client
                .batch()
                .v1()
                .jobs()
                .inNamespace("default")
                .withLabel("edgewise.dev/model-deployment", "no-gpu")
                .list()
                .getItems())
        .isEmpty();
    assertThat(runtimes(client, "default", "no-gpu")).isEmpty();
  }

  @Test
  void refusesAnArtifactThatLosesTooMuchAccuracy() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: strict, namespace: default}
        spec:
          model: {uri: "pvc://models/digits/teacher.pt", version: v1}
          compression: {method: PruneInt8, maxAccuracyDrop: 0.1, evaluationDataUri: "pvc://models/digits/eval.csv"}
          placement: {pools: [yurt], replicas: 1}
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "strict");
              assertThat(conditionReason(md, "Compressed")).isEqualTo("AccuracyGateFailed");
              assertThat(SandboxFixtures.condition(md, "Compressed").orElseThrow().getMessage())
                  .contains("maxAccuracyDrop")
                  .contains("not rolled out");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
            });
    assertThat(runtimes(client, "default", "strict")).isEmpty();
  }

  @Test
  void aCanaryStepThatMissesItsDeadlineRollsBack() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: canary, namespace: default}
        spec:
          model: {uri: "https://models.example/v1.pt", version: v1}
          placement: {pools: [kubeedge], replicas: 4}
          rollout: {strategy: Canary, steps: [25, 100], stepDeadline: 4s}
        """);
    eventually()
        .until(() -> get(client, "default", "canary").getStatus().getPhase() == Phase.Ready);
    client
        .resources(ModelDeployment.class)
        .inNamespace("default")
        .withName("canary")
        .edit(
            md -> {
              md.getSpec().getModel().setVersion("v2-broken");
              md.getSpec().getModel().setUri("https://models.example/v2.pt");
              return md;
            });
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "canary");
              assertThat(conditionReason(md, "RolledOut")).isEqualTo("RolloutFailed");
              assertThat(md.getStatus().getRollout().getFailedVersion()).isEqualTo("v2-broken");
              assertThat(md.getStatus().getArtifact().getVersion()).isEqualTo("v1");
              assertThat(runtimes(client, "default", "canary"))
                  .hasSize(4)
                  .allSatisfy(
                      d ->
                          assertThat(d.getMetadata().getLabels())
                              .containsEntry("edgewise.dev/model-version", "v1"));
            });
  }

  @Test
  void keepsADisconnectedPlacementForTheGracePeriodThenReplacesItAndRemovesTheDuplicate() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: flaky, namespace: default}
        spec:
          model: {uri: "https://models.example/v1.pt", version: v1}
          placement: {pools: [south], replicas: 2}
        """);
    eventually().until(() -> get(client, "default", "flaky").getStatus().getPhase() == Phase.Ready);
    String lost = get(client, "default", "flaky").getStatus().getPlacements().get(0).getNode();
    setConnected(client, lost, false);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "flaky");
              assertThat(md.getStatus().getPlacements())
                  .anyMatch(p -> p.getNode().equals(lost) && p.isDisconnected());
              assertThat(conditionStatus(md, "Degraded")).isEqualTo("True");
            });
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "flaky");
              assertThat(md.getStatus().getPlacements())
                  .hasSize(2)
                  .noneMatch(p -> p.getNode().equals(lost));
              assertThat(md.getStatus().getReady()).isEqualTo("2/2");
            });
    setConnected(client, lost, true);
    eventually()
        .untilAsserted(
            () -> {
              assertThat(runtimes(client, "default", "flaky"))
                  .hasSize(2)
                  .noneMatch(
                      d -> d.getMetadata().getLabels().get("edgewise.dev/node").equals(lost));
              assertThat(get(client, "default", "flaky").getStatus().getPhase())
                  .isEqualTo(Phase.Ready);
            });
  }

  @Test
  void jointInferenceRunsTheFullModelInTheCloudAndEdgeOnlyRemovesIt() {
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: joint, namespace: default}
        spec:
          model: {uri: "https://models.example/joint/student.pt", version: v1}
          placement: {pools: [kubeedge], replicas: 2}
          collaboration:
            mode: JointInference
            confidenceThreshold: 0.8
            cloudReplicas: 1
            cloudDeadlineMs: 150
            captureHardExamples: true
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", "joint");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(md.getStatus().getCloud().getEndpoint())
                  .isEqualTo("http://cloud-joint.default.svc:8080");
              assertThat(md.getStatus().getCloud().getModelUri())
                  .isEqualTo("https://models.example/joint/student.pt");
              assertThat(md.getStatus().getCloud().getReplicas()).isEqualTo(1);
              assertThat(md.getStatus().getCloud().getReadyReplicas()).isEqualTo(1);
              assertThat(SandboxFixtures.condition(md, "Ready").orElseThrow().getMessage())
                  .endsWith("; cloud runtime 1/1 ready");
            });
    List<Deployment> edges = runtimes(client, "default", "joint");
    assertThat(edges)
        .hasSize(2)
        .allSatisfy(
            d -> {
              assertThat(env(d))
                  .containsEntry(
                      "EDGEWISE_COLLABORATION_CLOUD_URL", "http://cloud-joint.default.svc:8080")
                  .containsEntry("EDGEWISE_COLLABORATION_CONFIDENCE_THRESHOLD", "0.8")
                  .containsEntry("EDGEWISE_COLLABORATION_CLOUD_DEADLINE_MS", "150")
                  .containsEntry(
                      "EDGEWISE_COLLABORATION_HARD_EXAMPLES_DIR",
                      "/var/lib/edgewise/hard-examples");
              assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                  .anyMatch(v -> "hard-examples".equals(v.getName()));
            });
    Deployment cloud = cloudRuntimes(client, "default", "joint").get(0);
    assertThat(cloud.getMetadata().getName()).isEqualTo("cloud-joint");
    assertThat(cloud.getSpec().getTemplate().getSpec().getTolerations()).isEmpty();
    assertThat(env(cloud))
        .containsEntry("EDGEWISE_MODEL_URI", "https://models.example/joint/student.pt")
        .doesNotContainKey("EDGEWISE_COLLABORATION_CLOUD_URL");
    assertThat(pods(client, cloud))
        .singleElement()
        .satisfies(pod -> assertThat(pod.getSpec().getNodeName()).startsWith("cloud-cpu-"));
    Service service = client.services().inNamespace("default").withName("cloud-joint").get();
    assertThat(service.getSpec().getSelector()).containsEntry("edgewise.dev/role", "cloud");
    assertThat(cloud.getSpec().getTemplate().getMetadata().getLabels())
        .containsAllEntriesOf(service.getSpec().getSelector());

    Service stale =
        new ServiceBuilder(service)
            .editMetadata()
            .withName("joint-cloud")
            .withResourceVersion(null)
            .withUid(null)
            .endMetadata()
            .editSpec()
            .withClusterIP(null)
            .withClusterIPs()
            .endSpec()
            .build();
    client.resource(stale).create();
    eventually()
        .untilAsserted(
            () ->
                assertThat(client.services().inNamespace("default").withName("joint-cloud").get())
                    .as("a cloud Service under the naming before cloud-<md> is removed")
                    .isNull());
    assertThat(client.services().inNamespace("default").withName("cloud-joint").get()).isNotNull();

    client
        .resources(ModelDeployment.class)
        .inNamespace("default")
        .withName("joint")
        .edit(
            md -> {
              md.getSpec().getCollaboration().setMode(CollaborationMode.EdgeOnly);
              return md;
            });
    eventually()
        .untilAsserted(
            () -> {
              assertThat(cloudRuntimes(client, "default", "joint")).isEmpty();
              assertThat(client.services().inNamespace("default").withName("cloud-joint").get())
                  .isNull();
              assertThat(runtimes(client, "default", "joint"))
                  .hasSize(2)
                  .allSatisfy(
                      d -> {
                        assertThat(env(d).keySet())
                            .noneMatch(name -> name.startsWith("EDGEWISE_COLLABORATION_"));
                        assertThat(d.getSpec().getTemplate().getSpec().getVolumes())
                            .noneMatch(v -> "hard-examples".equals(v.getName()));
                      });
              ModelDeployment md = get(client, "default", "joint");
              assertThat(md.getStatus().getCloud()).isNull();
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
            });
    assertThat(client.services().inNamespace("default").withName("joint").get()).isNotNull();
  }

  @Test
  void refusesANameItsEdgeRuntimesWouldShareWithACloudRuntime() {
    String named =
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: cloud-joint, namespace: default}
        spec:
          model: {uri: "https://models.example/joint/student.pt", version: v1}
          placement: {pools: [kubeedge], replicas: 1}
        """;
    assertThatThrownBy(() -> model(client, named))
        .isInstanceOf(KubernetesClientException.class)
        .hasMessageContaining("metadata.name must not be 'cloud' or start with 'cloud-'");

    // A generated name gets past the CRD's rule (it is checked before the name exists here):
    // the operator refuses it.
    String name =
        model(client, named.replace("{name: cloud-joint,", "{generateName: cloud-,"))
            .getMetadata()
            .getName();
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, "default", name);
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Failed);
              assertThat(SandboxFixtures.condition(md, "Ready").orElseThrow())
                  .satisfies(
                      c -> {
                        assertThat(c.getReason()).isEqualTo("InvalidSpec");
                        assertThat(c.getMessage())
                            .startsWith("metadata.name: '" + name + "' must not be 'cloud' or");
                      });
            });
    assertThat(runtimes(client, "default", name)).isEmpty();
  }

  private static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions();
  }
}
