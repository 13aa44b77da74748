package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.NOW;
import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.request;
import static dev.edgewise.operator.planner.TestNodes.node;
import static dev.edgewise.operator.planner.TestNodes.taint;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid placements stay put; only invalid ones move; a returning node does not steal back. */
class PlacementPlannerStabilityTest {
  static final CurrentPlacement ON_N1 = new CurrentPlacement("n1", "edge");

  static PlacementPlan plan(
      PlacementRequest request, List<CurrentPlacement> current, NodeView... nodes) {
    return PlacementPlanner.plan(request, List.of(nodes), current, NOW);
  }

  @Test
  void keepsAValidPlacementEvenWhenABetterNodeExists() {
    PlacementPlan plan =
        plan(
            request().build(),
            List.of(ON_N1),
            node("n1").latency(20).build(),
            node("n2").latency(1).build());

    assertThat(plan.placements())
        .singleElement()
        .satisfies(
            placement -> {
              assertThat(placement.node()).isEqualTo("n1");
              assertThat(placement.kept()).isTrue();
              assertThat(placement.disconnected()).isFalse();
            });
    assertThat(plan.removed()).isEmpty();
  }

  @Test
  void aFlappingNodeKeepsItsPlacementWithinTheGracePeriod() {
    NodeView flapping =
        node("n1").kubeEdge().notReadySince(NOW.minus(Duration.ofMinutes(4))).build();

    PlacementPlan plan = plan(request().build(), List.of(ON_N1), flapping, node("n2").build());

    assertThat(plan.placements())
        .singleElement()
        .satisfies(
            placement -> {
              assertThat(placement.node()).isEqualTo("n1");
              assertThat(placement.disconnected()).isTrue();
              assertThat(placement.kept()).isTrue();
            });
    assertThat(plan.satisfied()).isTrue();
  }

  @Test
  void aDisconnectedNodeIgnoresTheNodeLifecycleTaintsWithinTheGracePeriod() {
    NodeView disconnected =
        node("n1")
            .notReadySince(NOW.minusSeconds(30))
            .taint(taint(Tolerations.UNREACHABLE_TAINT, null, "NoExecute"))
            .taint(taint(Tolerations.NOT_READY_TAINT, null, "NoSchedule"))
            .build();

    PlacementPlan plan = plan(request().build(), List.of(ON_N1), disconnected);

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n1");
  }

  @Test
  void aNodePastTheGracePeriodIsReplaced() {
    NodeView gone = node("n1").notReadySince(NOW.minus(Duration.ofMinutes(5))).build();

    PlacementPlan plan = plan(request().build(), List.of(ON_N1), gone, node("n2").build());

    assertThat(plan.placements())
        .singleElement()
        .satisfies(
            placement -> {
              assertThat(placement.node()).isEqualTo("n2");
              assertThat(placement.kept()).isFalse();
            });
    assertThat(plan.removed()).containsExactly(ON_N1);
    assertThat(plan.rejections()).containsEntry("n1", Rejection.DISCONNECTED_PAST_GRACE_PERIOD);
  }

  @Test
  void aNotReadyNodeWithAnUnknownStartCountsAsPastTheGracePeriod() {
    PlacementPlan plan =
        plan(request().build(), List.of(ON_N1), node("n1").notReadySince(null).build());

    assertThat(plan.placements()).isEmpty();
    assertThat(plan.removed()).containsExactly(ON_N1);
  }

  @Test
  void aReturningNodeDoesNotStealThePlacementBack() {
    PlacementPlan plan =
        plan(
            request().build(),
            List.of(new CurrentPlacement("n2", "edge")),
            node("n1").latency(1).build(),
            node("n2").latency(10).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n2");
    assertThat(plan.removed()).isEmpty();
  }

  @Test
  void aPlacementThatBecameInvalidMoves() {
    PlacementPlan plan =
        plan(
            request().maxLatencyMs(10).build(),
            List.of(ON_N1),
            node("n1").latency(20).build(),
            node("n2").latency(5).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n2");
    assertThat(plan.removed()).containsExactly(ON_N1);
  }

  @Test
  void aPlacementOnADeletedNodeIsRemoved() {
    PlacementPlan plan = plan(request().build(), List.of(ON_N1), node("n2").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n2");
    assertThat(plan.removed()).containsExactly(ON_N1);
  }

  @Test
  void shrinkingDropsTheWorstScoredPlacements() {
    PlacementPlan plan =
        plan(
            request().replicas(2).build(),
            List.of(
                new CurrentPlacement("n1", "edge"),
                new CurrentPlacement("n2", "edge"),
                new CurrentPlacement("n3", "edge")),
            node("n1").latency(5).build(),
            node("n2").latency(30).build(),
            node("n3").latency(10).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n1", "n3");
    assertThat(plan.removed()).containsExactly(new CurrentPlacement("n2", "edge"));
  }

  @Test
  void growingKeepsCurrentPlacementsAndAddsTheBestNewOnes() {
    PlacementPlan plan =
        plan(
            request().replicas(2).build(),
            List.of(new CurrentPlacement("n3", "edge")),
            node("n1").latency(5).build(),
            node("n2").latency(1).build(),
            node("n3").latency(30).build());

    assertThat(plan.placements())
        .extracting(Placement::node, Placement::kept)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("n2", false),
            org.assertj.core.groups.Tuple.tuple("n3", true));
  }

  @Test
  void aKeptPlacementIsNotRecheckedForCapacityItAlreadyHolds() {
    NodeView full = node("n1").cpu(4000, 0).build();

    PlacementPlan plan = plan(request().build(), List.of(ON_N1), full);

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n1");
  }

  @Test
  void aNewNoScheduleTaintKeepsTheRunningPlacementButNoExecuteMovesIt() {
    NodeView cordoned =
        node("n1").taint(taint("node.kubernetes.io/unschedulable", null, "NoSchedule")).build();
    NodeView evicting = node("n1").taint(taint("maintenance", "true", "NoExecute")).build();

    assertThat(plan(request().build(), List.of(ON_N1), cordoned, node("n2").build()).placements())
        .extracting(Placement::node)
        .containsExactly("n1");
    assertThat(plan(request().build(), List.of(ON_N1), evicting, node("n2").build()).placements())
        .extracting(Placement::node)
        .containsExactly("n2");
  }

  @Test
  void aNodeKeepsTheCurrentPlacementsPoolAndNewOnesTakeTheFirstRequestedPool() {
    PlacementRequest request = request().pools("west", "east").replicas(2).build();
    PlacementPlan plan =
        plan(
            request,
            List.of(new CurrentPlacement("n1", "east")),
            node("n1").pools("east", "west").build(),
            node("n2").pools("east", "west").build());

    assertThat(plan.placements())
        .extracting(Placement::node, Placement::pool)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("n1", "east"),
            org.assertj.core.groups.Tuple.tuple("n2", "west"));
  }

  @Test
  void replanningItsOwnOutputChangesNothing() {
    NodeView[] nodes = {
      node("n1").latency(3).zone("a").build(),
      node("n2").latency(4).zone("b").build(),
      node("n3").latency(5).zone("a").build(),
      node("n4").latency(6).zone("c").build()
    };
    PlacementRequest request = request().replicas(3).spreadBy(NodeLabels.ZONE).build();
    PlacementPlan first = plan(request, List.of(), nodes);
    List<CurrentPlacement> current =
        first.placements().stream().map(p -> new CurrentPlacement(p.node(), p.pool())).toList();

    PlacementPlan second = plan(request, current, nodes);

    assertThat(second.placements())
        .extracting(Placement::node)
        .containsExactlyElementsOf(first.placements().stream().map(Placement::node).toList());
    assertThat(second.placements()).allMatch(Placement::kept);
    assertThat(second.removed()).isEmpty();
  }
}
