package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.readiness.Readiness;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sandbox cluster on its own: nodes, the simulated kubelet, disconnections and Jobs. */
class SandboxTest {
  private static Sandbox sandbox;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    ClusterTopology topology = ClusterTopology.defaultTopology();
    sandbox =
        Sandbox.start(
            0,
            new ClusterTopology(
                topology.nodeGroups(),
                new ClusterTopology.Behaviour(100L, 300L, ".*-broken$", "fails-.*")),
            Duration.ofMillis(50));
    client = sandbox.client();
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void defaultTopologyHasGpuCloudNodesAndTaintedEdgeNodesInThreeZones() {
    var nodes = client.nodes().list().getItems();
    assertThat(nodes).hasSize(18);
    assertThat(
            nodes.stream()
                .filter(n -> n.getMetadata().getLabels().containsKey("nvidia.com/gpu.present")))
        .hasSize(2)
        .allMatch(
            n ->
                n.getSpec().getTaints().stream()
                    .anyMatch(t -> t.getKey().equals("nvidia.com/gpu")));
    assertThat(
            nodes.stream()
                .filter(
                    n -> n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/edge"))
                .map(n -> n.getMetadata().getLabels().get("topology.kubernetes.io/zone"))
                .distinct())
        .containsExactlyInAnyOrder("north", "south", "east");
  }

  @Test
  void kubeletStartsDeploymentPodsOnTheNodeTheirAffinityNamesAndFollowsDisconnections() {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment("web", "edge-south-1", "v1"))
        .create();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> readyReplicas("web") == 1);
    assertThat(
            client
                .pods()
                .inNamespace("default")
                .withLabel(SimulatedKubelet.DEPLOYMENT_LABEL, "web")
                .list()
                .getItems())
        .singleElement()
        .satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("edge-south-1"));

    setConnected("edge-south-1", false);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> readyReplicas("web") == 0);
    Node node = client.nodes().withName("edge-south-1").get();
    assertThat(Readiness.isNodeReady(node)).isFalse();
    assertThat(node.getSpec().getTaints())
        .anyMatch(t -> t.getKey().equals(SimulatedNodes.UNREACHABLE_TAINT));

    setConnected("edge-south-1", true);
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> readyReplicas("web") == 1);
  }

  @Test
  void modelVersionsConfiguredToFailNeverBecomeReady() throws InterruptedException {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(deployment("bad", "edge-north-1", "v2-broken"))
        .create();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(
            () ->
                client
                    .pods()
                    .inNamespace("default")
                    .withLabel(SimulatedKubelet.DEPLOYMENT_LABEL, "bad")
                    .list()
                    .getItems()
                    .stream()
                    .anyMatch(p -> "Running".equals(p.getStatus().getPhase())));
    assertThat(readyReplicas("bad")).isZero();
  }

  @Test
  void jobsCompleteOrFailAsConfigured() {
    client.batch().v1().jobs().inNamespace("default").resource(job("works-1")).create();
    client.batch().v1().jobs().inNamespace("default").resource(job("fails-1")).create();
    await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              assertThat(jobCondition("works-1")).isEqualTo("Complete");
              assertThat(jobCondition("fails-1")).isEqualTo("Failed");
            });
  }

  @Test
  void admissionAppliesSchemaDefaultsAndRejectsInvalidResourcesNamingTheField() {
    client
        .resource(
            """
                apiVersion: edgewise.dev/v1alpha1
                kind: EdgeNodePool
                metadata:
                  name: defaulted
                spec:
                  nodeSelector: {}
                """)
        .create();
    var stored =
        client
            .genericKubernetesResources("edgewise.dev/v1alpha1", "EdgeNodePool")
            .withName("defaulted")
            .get();
    @SuppressWarnings("unchecked")
    var spec = (java.util.Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(spec)
        .containsEntry("edgePlatform", "None")
        .containsEntry("disconnectGracePeriod", "5m")
        .containsEntry("latencyLabel", "edgewise.dev/latency-ms");

    assertThatThrownBy(
            () ->
                client
                    .resource(
                        """
                        apiVersion: edgewise.dev/v1alpha1
                        kind: ModelDeployment
                        metadata:
                          name: bad
                          namespace: default
                        spec:
                          model: {uri: "ftp://x/model.pt", version: v1}
                          placement: {pools: [edge], replicas: 2, perNode: true}
                        """)
                    .create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(422))
        .hasMessageContaining("spec.model.uri")
        .hasMessageContaining("spec.placement.replicas");
  }

  @Test
  void serverSideAppliedStatusLandsAsTheOperatorJarWritesIt() {
    client
        .resource(
            """
                apiVersion: edgewise.dev/v1alpha1
                kind: EdgeNodePool
                metadata:
                  name: applied-status
                spec:
                  nodeSelector: {}
                """)
        .create();
    client
        .resource(
            """
                apiVersion: edgewise.dev/v1alpha1
                kind: EdgeNodePool
                metadata:
                  name: applied-status
                status:
                  observedGeneration: 1
                  readyNodes: 3
                """)
        .subresource("status")
        .patch(
            new PatchContext.Builder()
                .withPatchType(PatchType.SERVER_SIDE_APPLY)
                .withFieldManager("edgewise")
                .withForce(true)
                .build());

    var stored =
        client
            .genericKubernetesResources("edgewise.dev/v1alpha1", "EdgeNodePool")
            .withName("applied-status")
            .get();
    assertThat(stored.getAdditionalProperties().get("status"))
        .isEqualTo(java.util.Map.of("observedGeneration", 1, "readyNodes", 3));
    assertThat(stored.getAdditionalProperties().get("spec"))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsKey("nodeSelector");
  }

  @Test
  void mergePatchesReplaceListsAsTheApiServerDoes() {
    client
        .resource(
            """
                apiVersion: edgewise.dev/v1alpha1
                kind: EdgeNodePool
                metadata:
                  name: merged-lists
                spec:
                  nodeSelector: {}
                  tolerations: [{key: a, operator: Exists}, {key: b, operator: Exists}]
                """)
        .create();
    client
        .genericKubernetesResources("edgewise.dev/v1alpha1", "EdgeNodePool")
        .withName("merged-lists")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"tolerations\":[{\"key\":\"c\",\"operator\":\"Exists\"}]}}");

    var stored =
        client
            .genericKubernetesResources("edgewise.dev/v1alpha1", "EdgeNodePool")
            .withName("merged-lists")
            .get();
    @SuppressWarnings("unchecked")
    var spec = (java.util.Map<String, Object>) stored.getAdditionalProperties().get("spec");
    assertThat(spec.get("tolerations"))
        .isEqualTo(java.util.List.of(java.util.Map.of("key", "c", "operator", "Exists")));
    assertThat(spec).containsEntry("edgePlatform", "None");
  }

  private static String jobCondition(String name) {
    Job job = client.batch().v1().jobs().inNamespace("default").withName(name).get();
    return job.getStatus().getConditions().get(0).getType();
  }

  private static int readyReplicas(String name) {
    Deployment d = client.apps().deployments().inNamespace("default").withName(name).get();
    Integer ready = d.getStatus() == null ? null : d.getStatus().getReadyReplicas();
    return ready == null ? 0 : ready;
  }

  private static void setConnected(String node, boolean connected) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getMetadata()
                  .getAnnotations()
                  .put(SimulatedNodes.CONNECTED_ANNOTATION, String.valueOf(connected));
              return n;
            });
  }

  private static Deployment deployment(String name, String node, String version) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("kubernetes.io/hostname")
        .withOperator("In")
        .withValues(node)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .addNewContainer()
        .withName("runtime")
        .withImage("edgewise-edge-runtime")
        .addNewEnv()
        .withName("EDGEWISE_MODEL_VERSION")
        .withValue(version)
        .endEnv()
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Job job(String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(1)
        .withNewTemplate()
        .withNewSpec()
        .addNewContainer()
        .withName("job")
        .withImage("busybox")
        .endContainer()
        .withRestartPolicy("Never")
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
