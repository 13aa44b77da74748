package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.TestNodes.GIB;
import static dev.edgewise.operator.planner.TestNodes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.operator.cluster.ClusterFixtures;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Node views computed from fabric8 nodes and the pods bound to them. */
class NodeViewsTest {

  static NodeBuilder node(String name, Map<String, String> labels, String ready) {
    return ClusterFixtures.node(name, labels, ready)
        .editStatus()
        .addToAllocatable("nvidia.com/gpu", new Quantity("2"))
        .endStatus();
  }

  static Pod pod(String phase, String cpu, String memory, String gpus) {
    Map<String, Quantity> requests = new java.util.HashMap<>();
    requests.put("cpu", new Quantity(cpu));
    requests.put("memory", new Quantity(memory));
    PodBuilder builder =
        new PodBuilder()
            .withNewSpec()
            .addToContainers(
                new ContainerBuilder()
                    .withName("main")
                    .withNewResources()
                    .withRequests(requests)
                    .withLimits(
                        gpus == null ? Map.of() : Map.of("nvidia.com/gpu", new Quantity(gpus)))
                    .endResources()
                    .build())
            .endSpec()
            .withNewStatus()
            .withPhase(phase)
            .endStatus();
    return builder.build();
  }

  @Test
  void readsLabelsCapacityAndReadiness() {
    Node node =
        node(
                "edge-1",
                Map.of(
                    "node-role.kubernetes.io/edge", "",
                    "edgewise.dev/latency-ms", "12.5",
                    "topology.kubernetes.io/zone", "factory-a",
                    "kubernetes.io/arch", "arm64",
                    "nvidia.com/gpu.product", "Jetson-Orin",
                    "nvidia.com/gpu.memory", "8192"),
                "True")
            .editSpec()
            .addNewTaint()
            .withKey("node-role.kubernetes.io/edge")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .build();
    List<Pod> pods =
        List.of(
            pod("Running", "500m", "1Gi", "1"),
            pod("Pending", "250m", "512Mi", null),
            pod("Succeeded", "2", "4Gi", "1"),
            pod("Failed", "2", "4Gi", null));

    NodeView view = NodeViews.from(node, pods, Set.of("factory"));

    assertThat(view.name()).isEqualTo("edge-1");
    assertThat(view.ready()).isTrue();
    assertThat(view.notReadySince()).isNull();
    assertThat(view.platform()).isEqualTo(EdgePlatform.KubeEdge);
    assertThat(view.isEdge()).isTrue();
    assertThat(view.latencyMs()).isEqualTo(12.5);
    assertThat(view.zone()).isEqualTo("factory-a");
    assertThat(view.architecture()).isEqualTo("arm64");
    assertThat(view.cpuAllocatableMillis()).isEqualTo(4000);
    assertThat(view.cpuFreeMillis()).isEqualTo(3250);
    assertThat(view.memoryAllocatableBytes()).isEqualTo(8 * GIB);
    assertThat(view.memoryFreeBytes()).isEqualTo(8 * GIB - GIB - 512 * MIB);
    assertThat(view.gpusAllocatable()).isEqualTo(2);
    assertThat(view.gpusFree()).isEqualTo(1);
    assertThat(view.gpuProduct()).isEqualTo("Jetson-Orin");
    assertThat(view.gpuMemoryMiB()).isEqualTo(8192);
    assertThat(view.taints()).hasSize(1);
    assertThat(view.pools()).containsExactly("factory");
  }

  @Test
  void aNotReadyNodeRemembersSinceWhen() {
    NodeView view = NodeViews.from(node("n", Map.of(), "Unknown").build(), List.of(), Set.of());

    assertThat(view.ready()).isFalse();
    assertThat(view.notReadySince()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  void detectsThePlatformFromTheLabels() {
    assertThat(NodeLabels.platformOf(Map.of("node-role.kubernetes.io/agent", "")))
        .isEqualTo(EdgePlatform.KubeEdge);
    assertThat(NodeLabels.platformOf(Map.of("openyurt.io/is-edge-worker", "true")))
        .isEqualTo(EdgePlatform.OpenYurt);
    assertThat(NodeLabels.platformOf(Map.of("openyurt.io/is-edge-worker", "false")))
        .isEqualTo(EdgePlatform.None);
    assertThat(NodeLabels.platformOf(Map.of())).isEqualTo(EdgePlatform.None);
  }

  @Test
  void aMalformedLatencyLabelCountsAsMissing() {
    NodeView view =
        NodeViews.from(
            node("n", Map.of("lat", "fast"), "True").build(), List.of(), "lat", Set.of());

    assertThat(view.latencyMs()).isNull();
  }

  @Test
  void podRequestsFollowTheSchedulersRules() {
    Pod pod =
        new PodBuilder()
            .withNewSpec()
            .addNewContainer()
            .withName("a")
            .withNewResources()
            .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("1Gi")))
            .endResources()
            .endContainer()
            .addNewContainer()
            .withName("b")
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("100m")))
            .endResources()
            .endContainer()
            .addNewInitContainer()
            .withName("init")
            .withNewResources()
            .withRequests(Map.of("cpu", new Quantity("2"), "memory", new Quantity("100Mi")))
            .endResources()
            .endInitContainer()
            .withOverhead(Map.of("cpu", new Quantity("50m")))
            .endSpec()
            .build();

    assertThat(PodRequests.cpuMillis(pod)).isEqualTo(2050);
    assertThat(PodRequests.memoryBytes(pod)).isEqualTo(GIB);
    assertThat(PodRequests.gpus(pod)).isZero();
  }
}
