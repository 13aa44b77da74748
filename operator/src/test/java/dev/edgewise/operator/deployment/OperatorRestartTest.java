package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.SandboxFixtures.cloudRuntimes;
import static dev.edgewise.operator.deployment.SandboxFixtures.conditionStatus;
import static dev.edgewise.operator.deployment.SandboxFixtures.env;
import static dev.edgewise.operator.deployment.SandboxFixtures.get;
import static dev.edgewise.operator.deployment.SandboxFixtures.kubeEdgePool;
import static dev.edgewise.operator.deployment.SandboxFixtures.model;
import static dev.edgewise.operator.deployment.SandboxFixtures.pods;
import static dev.edgewise.operator.deployment.SandboxFixtures.runtimes;
import static dev.edgewise.operator.deployment.SandboxFixtures.yurtPool;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.api.v1alpha1.RolloutSpec;
import dev.edgewise.operator.OperatorSettings;
import dev.edgewise.operator.events.EventRecorder;
import dev.edgewise.operator.metrics.FleetMetrics;
import dev.edgewise.operator.pool.EdgeNodePoolReconciler;
import dev.edgewise.operator.workload.WorkloadLabels;
import dev.edgewise.sandbox.ClusterTopology;
import dev.edgewise.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator stopped and restarted in the middle of a rollout, or of the training and compression
 * pipeline, or with a joint-inference cloud runtime, converges with no duplicate objects: the real
 * reconcilers run in a plain JOSDK {@link Operator} (no Quarkus) against the sandbox cluster, and
 * the restarted operator is a new Operator with new reconcilers, new informers and a new client, so
 * it only knows what the cluster tells it.
 */
class OperatorRestartTest {
  private static final String NAMESPACE = "default";
  private static Sandbox sandbox;
  private static KubernetesClient client;

  private Operator operator;

  @BeforeAll
  static void startSandbox() {
    ClusterTopology topology = ClusterTopology.defaultTopology();
    sandbox =
        Sandbox.start(
            0,
            new ClusterTopology(
                topology.nodeGroups(), new ClusterTopology.Behaviour(1500L, 2000L, "", "")),
            Duration.ofMillis(100));
    client = sandbox.client();
    kubeEdgePool(client);
    yurtPool(client);
  }

  @AfterAll
  static void stopSandbox() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  @Test
  void restartedInTheMiddleOfACanaryRolloutFinishesItWithoutDuplicates() {
    operator = startOperator();
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: restarted, namespace: default}
        spec:
          model: {uri: "https://models.example/restarted/v1.pt", version: v1}
          placement: {pools: [kubeedge], replicas: 4}
        """);
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, NAMESPACE, "restarted");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(md.getStatus().getReady()).isEqualTo("4/4");
            });

    client
        .resources(ModelDeployment.class)
        .inNamespace(NAMESPACE)
        .withName("restarted")
        .edit(
            md -> {
              md.getSpec().getModel().setVersion("v2");
              md.getSpec().getModel().setUri("https://models.example/restarted/v2.pt");
              md.getSpec()
                  .setRollout(
                      client
                          .getKubernetesSerialization()
                          .unmarshal(
                              """
                              {"strategy": "Canary", "steps": [25, 50, 100], "stepDeadline": "5m"}
                              """,
                              RolloutSpec.class));
              return md;
            });
    eventually()
        .until(
            () ->
                Optional.ofNullable(get(client, NAMESPACE, "restarted").getStatus().getRollout())
                        .map(r -> r.getStep())
                        .orElse(0)
                    >= 1);

    operator.stop();
    operator = null;
    ModelDeployment stopped = get(client, NAMESPACE, "restarted");
    assertThat(stopped.getStatus().getRollout())
        .as("the operator stopped in the middle of the rollout")
        .isNotNull();
    assertThat(conditionStatus(stopped, "RolledOut")).isNotEqualTo("True");
    assertThat(runtimes(client, NAMESPACE, "restarted"))
        .as("not every runtime is on v2 yet")
        .anyMatch(d -> !"v2".equals(d.getMetadata().getLabels().get(WorkloadLabels.MODEL_VERSION)));

    operator = startOperator();
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, NAMESPACE, "restarted");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(conditionStatus(md, "Ready")).isEqualTo("True");
              assertThat(conditionStatus(md, "RolledOut")).isEqualTo("True");
              assertThat(md.getStatus().getArtifact().getVersion()).isEqualTo("v2");
              assertThat(md.getStatus().getReady()).isEqualTo("4/4");
              assertNoDuplicates(md);
            });
  }

  @Test
  void restartedWhileTrainingRunsCreatesOneTrainingJobAndOneCompressionJob() {
    operator = startOperator();
    model(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: retrained, namespace: default}
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
    eventually().until(() -> jobs("retrained", WorkloadLabels.TRAINING).size() >= 1);

    operator.stop();
    operator = null;
    assertThat(jobs("retrained", WorkloadLabels.TRAINING)).hasSize(1);
    assertThat(conditionStatus(get(client, NAMESPACE, "retrained"), "Ready")).isNotEqualTo("True");

    operator = startOperator();
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, NAMESPACE, "retrained");
              assertThat(conditionStatus(md, "Trained")).isEqualTo("True");
              assertThat(conditionStatus(md, "Compressed")).isEqualTo("True");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(md.getStatus().getReady()).isEqualTo("3/3");
            });
    assertThat(jobs("retrained", WorkloadLabels.TRAINING)).hasSize(1);
    assertThat(jobs("retrained", WorkloadLabels.COMPRESSION)).hasSize(1);
    assertThat(runtimes(client, NAMESPACE, "retrained")).hasSize(3);
  }

  @Test
  void restartedWithAJointInferenceModelKeepsOneCloudRuntimeAndService() {
    operator = startOperator();
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
            offloadBudgetPercent: 20
            cloudReplicas: 2
            cloudModelUri: https://models.example/joint/teacher.pt
        """);
    eventually().until(() -> cloudRuntimes(client, NAMESPACE, "joint").size() == 1);

    operator.stop();
    operator = null;
    Deployment before = cloudRuntimes(client, NAMESPACE, "joint").get(0);

    operator = startOperator();
    eventually()
        .untilAsserted(
            () -> {
              ModelDeployment md = get(client, NAMESPACE, "joint");
              assertThat(md.getStatus().getPhase()).isEqualTo(Phase.Ready);
              assertThat(md.getStatus().getCloud().getReadyReplicas()).isEqualTo(2);
              assertThat(md.getStatus().getCloud().getModelUri())
                  .isEqualTo("https://models.example/joint/teacher.pt");
            });
    List<Deployment> cloud = cloudRuntimes(client, NAMESPACE, "joint");
    assertThat(cloud).hasSize(1);
    assertThat(cloud.get(0).getMetadata().getUid())
        .as("the restarted operator kept the cloud runtime it found")
        .isEqualTo(before.getMetadata().getUid());
    assertThat(cloud.get(0).getMetadata().getAnnotations())
        .containsEntry(
            WorkloadApplier.SPEC_HASH_ANNOTATION,
            before.getMetadata().getAnnotations().get(WorkloadApplier.SPEC_HASH_ANNOTATION));
    assertThat(pods(client, cloud.get(0))).hasSize(2);
    assertThat(
            client
                .services()
                .inNamespace(NAMESPACE)
                .withLabel(WorkloadLabels.MODEL_DEPLOYMENT, "joint")
                .list()
                .getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("joint", "cloud-joint");
    assertThat(runtimes(client, NAMESPACE, "joint"))
        .hasSize(2)
        .allSatisfy(
            d ->
                assertThat(env(d))
                    .containsEntry("EDGEWISE_COLLABORATION_OFFLOAD_BUDGET_PERCENT", "20"));
  }

  private void assertNoDuplicates(ModelDeployment md) {
    String name = md.getMetadata().getName();
    List<Deployment> runtimes = runtimes(client, NAMESPACE, name);
    assertThat(runtimes).hasSize(4);
    assertThat(runtimes)
        .allSatisfy(
            d ->
                assertThat(d.getMetadata().getLabels())
                    .containsEntry(WorkloadLabels.MODEL_VERSION, "v2"));
    assertThat(runtimes.stream().map(d -> d.getMetadata().getLabels().get(WorkloadLabels.NODE)))
        .doesNotContainNull()
        .doesNotHaveDuplicates()
        .hasSize(4);
    assertThat(
            client
                .services()
                .inNamespace(NAMESPACE)
                .withLabel(WorkloadLabels.MODEL_DEPLOYMENT, name)
                .list()
                .getItems())
        .hasSize(1);
    for (Deployment runtime : runtimes) {
      assertThat(
              client
                  .pods()
                  .inNamespace(NAMESPACE)
                  .withLabel("sandbox.edgewise.dev/deployment", runtime.getMetadata().getName())
                  .list()
                  .getItems())
          .as("pods of %s", runtime.getMetadata().getName())
          .hasSize(1);
    }
    assertThat(md.getStatus().getPlacements())
        .extracting(PlacementStatus::getNode)
        .doesNotHaveDuplicates()
        .hasSize(4);
  }

  private List<Job> jobs(String md, String kind) {
    return client
        .batch()
        .v1()
        .jobs()
        .inNamespace(NAMESPACE)
        .withLabel(WorkloadLabels.NAME, kind)
        .withLabel(WorkloadLabels.MODEL_DEPLOYMENT, md)
        .list()
        .getItems();
  }

  /** A new operator process, as far as the cluster can tell: its own client and informers. */
  private static Operator startOperator() {
    KubernetesClient own =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(client.getConfiguration()).build())
            .build();
    Clock clock = Clock.systemUTC();
    Operator started =
        new Operator(
            o ->
                o.withKubernetesClient(own)
                    .withCloseClientOnStop(true)
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(false));
    started.register(
        new ModelDeploymentReconciler(
            SETTINGS,
            new EventRecorder(own, clock),
            new FleetMetrics(new SimpleMeterRegistry()),
            Clock.systemUTC()));
    started.register(new EdgeNodePoolReconciler(new EventRecorder(own, clock), clock));
    started.start();
    return started;
  }

  private static ConditionFactory eventually() {
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions();
  }

  /**
   * The operator's defaults, as the chart leaves them, without SmallRye Config; no server-side
   * apply (the mock API server has none).
   */
  private static final OperatorSettings SETTINGS =
      new OperatorSettings() {
        @Override
        public Runtime runtime() {
          return new Runtime() {
            @Override
            public String image() {
              return "edgewise-edge-runtime:test";
            }

            @Override
            public String imagePullPolicy() {
              return "IfNotPresent";
            }

            @Override
            public Optional<String> cpuRequest() {
              return Optional.empty();
            }

            @Override
            public Optional<String> memoryRequest() {
              return Optional.empty();
            }

            @Override
            public Optional<String> cpuLimit() {
              return Optional.empty();
            }

            @Override
            public Optional<String> memoryLimit() {
              return Optional.empty();
            }

            @Override
            public String modelCacheSize() {
              return "2Gi";
            }
          };
        }

        @Override
        public Artifacts artifacts() {
          return Optional::empty;
        }

        @Override
        public boolean serverSideApply() {
          return false;
        }

        @Override
        public LeaderElection leaderElection() {
          return new LeaderElection() {
            @Override
            public boolean enabled() {
              return false;
            }

            @Override
            public String leaseName() {
              return "edgewise-operator";
            }

            @Override
            public java.util.Optional<String> identity() {
              return java.util.Optional.empty();
            }
          };
        }
      };
}
