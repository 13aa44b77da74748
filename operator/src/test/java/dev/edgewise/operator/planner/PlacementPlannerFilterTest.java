package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.TestNodes.GIB;
import static dev.edgewise.operator.planner.TestNodes.MIB;
import static dev.edgewise.operator.planner.TestNodes.node;
import static dev.edgewise.operator.planner.TestNodes.taint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each filter of the planner, and that a node reports the first one it fails. */
class PlacementPlannerFilterTest {
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  static final PoolSettings EDGE =
      new PoolSettings(
          "edge",
          EdgePlatform.KubeEdge,
          PoolSettings.platformTolerations(EdgePlatform.KubeEdge),
          Duration.ofMinutes(5),
          null);

  static PlacementRequest.Builder request() {
    return PlacementRequest.builder()
        .pools("edge")
        .pool(EDGE)
        .replicas(1)
        .cpuMillis(500)
        .memoryBytes(512 * MIB);
  }

  static PlacementPlan plan(PlacementRequest request, NodeView... nodes) {
    return PlacementPlanner.plan(request, List.of(nodes), List.of(), NOW);
  }

  @Test
  void rejectsNodesOutsideTheRequestedPools() {
    PlacementPlan plan = plan(request().build(), node("n1").pools("other").build());

    assertThat(plan.placements()).isEmpty();
    assertThat(plan.rejections()).containsEntry("n1", Rejection.NOT_IN_POOL);
  }

  @Test
  void rejectsNotReadyNodesForNewPlacements() {
    PlacementPlan plan =
        plan(request().build(), node("n1").notReadySince(NOW.minusSeconds(10)).build());

    assertThat(plan.rejections()).containsEntry("n1", Rejection.NOT_READY);
  }

  @Test
  void toleratesTheKubeEdgeTaintOnlyInAKubeEdgePool() {
    NodeView edgeNode = node("n1").kubeEdge().build();

    assertThat(plan(request().build(), edgeNode).placements())
        .extracting(Placement::node)
        .containsExactly("n1");
    PlacementRequest cloudPool =
        request()
            .pool(new PoolSettings("edge", EdgePlatform.None, List.of(), Duration.ZERO, null))
            .build();
    assertThat(plan(cloudPool, edgeNode).rejections())
        .containsEntry("n1", Rejection.UNTOLERATED_TAINT);
  }

  @Test
  void matchesPoolTolerationsByKeyValueAndEffectAndIgnoresPreferNoSchedule() {
    PoolSettings dedicated =
        new PoolSettings(
            "edge",
            EdgePlatform.None,
            List.of(
                new TolerationBuilder()
                    .withKey("dedicated")
                    .withOperator("Equal")
                    .withValue("edge")
                    .withEffect("NoSchedule")
                    .build()),
            Duration.ofMinutes(5),
            null);
    PlacementPlan plan =
        plan(
            request().pool(dedicated).replicas(3).build(),
            node("tolerated").taint(taint("dedicated", "edge", "NoSchedule")).build(),
            node("other-value").taint(taint("dedicated", "gpu", "NoSchedule")).build(),
            node("no-execute").taint(taint("dedicated", "edge", "NoExecute")).build(),
            node("prefer").taint(taint("spot", "true", "PreferNoSchedule")).build());

    assertThat(plan.placements())
        .extracting(Placement::node)
        .containsExactly("prefer", "tolerated");
    assertThat(plan.rejections())
        .containsOnly(
            Map.entry("other-value", Rejection.UNTOLERATED_TAINT),
            Map.entry("no-execute", Rejection.UNTOLERATED_TAINT));
  }

  @Test
  void judgesEachDistinctTaintListOnItsOwnAmongManyNodes() {
    List<NodeView> nodes = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      nodes.add(node("blocked-" + i).taint(taint("team-" + i, "x", "NoSchedule")).build());
      nodes.add(node("edge-" + i).kubeEdge().build());
      nodes.add(node("plain-" + i).build());
    }
    nodes.add(node("blocked-again").taint(taint("team-3", "x", "NoSchedule")).build());

    PlacementPlan plan =
        PlacementPlanner.plan(request().perNode(true).build(), nodes, List.of(), NOW);

    assertThat(plan.placements()).hasSize(24);
    assertThat(plan.rejections())
        .hasSize(13)
        .allSatisfy(
            (node, rejection) -> assertThat(rejection).isEqualTo(Rejection.UNTOLERATED_TAINT))
        .containsKey("blocked-again");
  }

  @Test
  void requiresTheExtraNodeSelectorLabels() {
    PlacementRequest request =
        request().replicas(2).nodeSelector(Map.of("kubernetes.io/arch", "arm64")).build();
    PlacementPlan plan =
        plan(
            request,
            node("arm").label("kubernetes.io/arch", "arm64").build(),
            node("amd").label("kubernetes.io/arch", "amd64").build(),
            node("unlabelled").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("arm");
    assertThat(plan.rejections())
        .containsOnly(
            Map.entry("amd", Rejection.NODE_SELECTOR_MISMATCH),
            Map.entry("unlabelled", Rejection.NODE_SELECTOR_MISMATCH));
  }

  @Test
  void appliesTheLatencyBudgetAndFailsNodesWithoutALatencyLabel() {
    PlacementPlan plan =
        plan(
            request().replicas(3).maxLatencyMs(20).build(),
            node("at-budget").latency(20).build(),
            node("over").latency(20.5).build(),
            node("unlabelled").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("at-budget");
    assertThat(plan.rejections())
        .containsOnly(
            Map.entry("over", Rejection.OVER_LATENCY_BUDGET),
            Map.entry("unlabelled", Rejection.NO_LATENCY_LABEL));
  }

  @Test
  void nodesWithoutALatencyLabelQualifyWhenThereIsNoBudget() {
    PlacementPlan plan = plan(request().build(), node("unlabelled").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("unlabelled");
  }

  @Test
  void requiresFreeCpuAndMemoryAfterExistingRequests() {
    PlacementPlan plan =
        plan(
            request().replicas(3).build(),
            node("fits").cpu(4000, 500).memory(8 * GIB, 512 * MIB).build(),
            node("no-cpu").cpu(4000, 499).build(),
            node("no-memory").memory(8 * GIB, 511 * MIB).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("fits");
    assertThat(plan.rejections())
        .containsOnly(
            Map.entry("no-cpu", Rejection.INSUFFICIENT_CPU),
            Map.entry("no-memory", Rejection.INSUFFICIENT_MEMORY));
  }

  @Test
  void respectsThePoolsModelLimit() {
    PoolSettings limited =
        new PoolSettings("edge", EdgePlatform.None, List.of(), Duration.ofMinutes(5), 2);
    PlacementPlan plan =
        plan(
            request()
                .pool(limited)
                .replicas(2)
                .otherModelsByNode(Map.of("full", 2, "one-left", 1))
                .build(),
            node("full").build(),
            node("one-left").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("one-left");
    assertThat(plan.rejections()).containsOnly(Map.entry("full", Rejection.MODEL_LIMIT_REACHED));
  }

  @Test
  void reportsTheFirstFailingFilterOnly() {
    PlacementPlan plan =
        plan(
            request().maxLatencyMs(10).build(),
            node("n1").notReadySince(NOW).latency(50).cpu(4000, 0).build(),
            node("n2").latency(50).cpu(4000, 0).build());

    assertThat(plan.rejections())
        .containsOnly(
            Map.entry("n1", Rejection.NOT_READY), Map.entry("n2", Rejection.OVER_LATENCY_BUDGET));
  }
}
