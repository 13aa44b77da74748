package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's scheduling rule for pods whose affinity names no node. */
class SimulatedSchedulerTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  static Node node(String name, boolean ready, Map<String, String> labels, Taint... taints) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTaints(taints)
        .endSpec()
        .withNewStatus()
        .withConditions(SimulatedNodes.readyCondition(ready, NOW))
        .endStatus()
        .build();
  }

  static Pod podOn(String node) {
    return new PodBuilder().withNewSpec().withNodeName(node).endSpec().build();
  }

  /** The cloud runtime's required affinity: no edge role labels, not an OpenYurt edge worker. */
  static PodSpec cloudPod() {
    return new PodSpecBuilder()
        .withNewAffinity()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey("node-role.kubernetes.io/edge")
        .withOperator("DoesNotExist")
        .endMatchExpression()
        .addNewMatchExpression()
        .withKey("node-role.kubernetes.io/agent")
        .withOperator("DoesNotExist")
        .endMatchExpression()
        .addNewMatchExpression()
        .withKey("openyurt.io/is-edge-worker")
        .withOperator("NotIn")
        .withValues("true")
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .endAffinity()
        .build();
  }

  static final List<Node> CLUSTER =
      List.of(
          node("edge-1", true, Map.of("node-role.kubernetes.io/edge", "")),
          node("yurt-1", true, Map.of("openyurt.io/is-edge-worker", "true")),
          node(
              "gpu-1",
              true,
              Map.of("nvidia.com/gpu.present", "true"),
              new Taint("NoSchedule", "nvidia.com/gpu", null, null)),
          node("cloud-b", true, Map.of()),
          node("cloud-a", true, Map.of()),
          node("cloud-down", false, Map.of()));

  @Test
  void aCloudPodGoesToAReadyUntaintedCloudNodeFirstByName() {
    assertThat(SimulatedScheduler.pick(cloudPod(), CLUSTER, List.of())).contains("cloud-a");
  }

  @Test
  void theNodeWithFewerPodsWins() {
    List<Pod> pods = List.of(podOn("cloud-a"), podOn("cloud-a"), podOn("cloud-b"));

    assertThat(SimulatedScheduler.pick(cloudPod(), CLUSTER, pods)).contains("cloud-b");
  }

  @Test
  void aToleratedTaintAndTheNodeSelectorCount() {
    PodSpec gpuPod =
        new PodSpecBuilder()
            .withNodeSelector(Map.of("nvidia.com/gpu.present", "true"))
            .addNewToleration()
            .withKey("nvidia.com/gpu")
            .withOperator("Exists")
            .withEffect("NoSchedule")
            .endToleration()
            .build();

    assertThat(SimulatedScheduler.pick(gpuPod, CLUSTER, List.of())).contains("gpu-1");
  }

  @Test
  void noFittingNodeLeavesThePodUnscheduled() {
    List<Node> edgeOnly = CLUSTER.subList(0, 3);

    assertThat(SimulatedScheduler.pick(cloudPod(), edgeOnly, List.of())).isEmpty();
  }

  @Test
  void termsAreOredAndUnsimulatedOperatorsNeverMatch() {
    PodSpec pod =
        new PodSpecBuilder()
            .withNewAffinity()
            .withNewNodeAffinity()
            .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("cpu-count")
            .withOperator("Gt")
            .withValues("4")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .addNewNodeSelectorTerm()
            .addNewMatchExpression()
            .withKey("openyurt.io/is-edge-worker")
            .withOperator("In")
            .withValues("true")
            .endMatchExpression()
            .endNodeSelectorTerm()
            .endRequiredDuringSchedulingIgnoredDuringExecution()
            .endNodeAffinity()
            .endAffinity()
            .build();

    assertThat(SimulatedScheduler.pick(pod, CLUSTER, List.of())).contains("yurt-1");
  }
}
