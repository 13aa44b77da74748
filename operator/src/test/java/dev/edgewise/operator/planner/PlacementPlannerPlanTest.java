package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.NOW;
import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.plan;
import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.request;
import static dev.edgewise.operator.planner.TestNodes.GIB;
import static dev.edgewise.operator.planner.TestNodes.MIB;
import static dev.edgewise.operator.planner.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Counts, explanations, capacity accounting across placements, perNode and determinism. */
class PlacementPlannerPlanTest {

  static List<NodeView> twelveNodes() {
    List<NodeView> nodes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      nodes.add(node("fit-" + i).latency(10).build());
    }
    for (int i = 0; i < 8; i++) {
      nodes.add(node("far-" + i).latency(30).build());
    }
    nodes.add(node("small").latency(10).memory(8 * GIB, 100 * MIB).build());
    return nodes;
  }

  @Test
  void summarisesRejectionsMostFrequentFirst() {
    PlacementPlan plan =
        PlacementPlanner.plan(
            request().replicas(5).maxLatencyMs(20).build(), twelveNodes(), List.of(), NOW);

    assertThat(plan.summary())
        .isEqualTo("3/12 nodes fit: 8 over latency budget 20ms, 1 insufficient memory");
    assertThat(plan.fittingNodes()).isEqualTo(3);
    assertThat(plan.placements()).hasSize(3);
    assertThat(plan.satisfied()).isFalse();
  }

  @Test
  void breaksEqualCountsInFilterOrder() {
    PlacementPlan plan =
        plan(
            request().maxLatencyMs(20).build(),
            node("small").latency(10).memory(8 * GIB, 0).build(),
            node("far").latency(30).build(),
            node("out").pools("other").build());

    assertThat(plan.summary())
        .isEqualTo(
            "0/3 nodes fit: 1 not in pool, 1 over latency budget 20ms, 1 insufficient memory");
    assertThat(plan.rejection("far")).contains(Rejection.OVER_LATENCY_BUDGET);
    assertThat(plan.rejection("missing")).isEmpty();
  }

  @Test
  void aSatisfiedPlanSaysHowManyNodesFit() {
    PlacementPlan plan =
        plan(request().replicas(2).build(), node("n1").build(), node("n2").build());

    assertThat(plan.summary()).isEqualTo("2/2 nodes fit");
    assertThat(plan.satisfied()).isTrue();
    assertThat(plan.desired()).isEqualTo(2);
  }

  @Test
  void accountsCapacityAcrossThePlansOfOneRound() {
    NodeSnapshot nodes =
        NodeSnapshot.of(
            List.of(node("n1").cpu(4000, 800).build(), node("n2").cpu(4000, 800).build()));
    PlacementRequest request = request().cpuMillis(500).build();
    CapacityLedger ledger = new CapacityLedger();

    PlacementPlan first = PlacementPlanner.plan(request, nodes, List.of(), NOW, ledger);
    PlacementPlan second = PlacementPlanner.plan(request, nodes, List.of(), NOW, ledger);
    PlacementPlan third = PlacementPlanner.plan(request, nodes, List.of(), NOW, ledger);

    assertThat(first.placements()).extracting(Placement::node).containsExactly("n1");
    assertThat(second.placements()).extracting(Placement::node).containsExactly("n2");
    assertThat(second.rejection("n1")).contains(Rejection.INSUFFICIENT_CPU);
    assertThat(third.placements()).isEmpty();
    assertThat(third.summary()).isEqualTo("0/2 nodes fit: 2 insufficient cpu");
    assertThat(ledger.cpuMillis("n1")).isEqualTo(500);
    assertThat(ledger.memoryBytes("n2")).isEqualTo(512 * MIB);
  }

  @Test
  void theLedgerCountsTowardsTheModelLimit() {
    PoolSettings limited =
        new PoolSettings(
            "edge",
            dev.edgewise.api.v1alpha1.EdgePlatform.None,
            List.of(),
            PoolSettings.DEFAULT_GRACE_PERIOD,
            1);
    NodeSnapshot nodes = NodeSnapshot.of(List.of(node("n1").build()));
    CapacityLedger ledger = new CapacityLedger();

    PlacementPlanner.plan(request().pool(limited).build(), nodes, List.of(), NOW, ledger);
    PlacementPlan second =
        PlacementPlanner.plan(request().pool(limited).build(), nodes, List.of(), NOW, ledger);

    assertThat(second.rejection("n1")).contains(Rejection.MODEL_LIMIT_REACHED);
  }

  @Test
  void perNodePlacesOnEveryQualifyingNode() {
    PlacementPlan plan =
        plan(
            request().perNode(true).maxLatencyMs(20).build(),
            node("n1").latency(5).build(),
            node("n2").latency(15).build(),
            node("n3").latency(25).build(),
            node("n4").latency(1).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("n1", "n2", "n4");
    assertThat(plan.desired()).isEqualTo(3);
    assertThat(plan.satisfied()).isTrue();
  }

  @Test
  void perNodeWithNoQualifyingNodeIsNotSatisfied() {
    PlacementPlan plan = plan(request().perNode(true).build(), node("n1").pools("other").build());

    assertThat(plan.placements()).isEmpty();
    assertThat(plan.satisfied()).isFalse();
    assertThat(plan.summary()).isEqualTo("0/1 nodes fit: 1 not in pool");
  }

  @Test
  void zeroReplicasRemovesEveryPlacement() {
    PlacementPlan plan =
        PlacementPlanner.plan(
            request().replicas(0).build(),
            List.of(node("n1").build()),
            List.of(new CurrentPlacement("n1", "edge")),
            NOW);

    assertThat(plan.placements()).isEmpty();
    assertThat(plan.removed()).containsExactly(new CurrentPlacement("n1", "edge"));
    assertThat(plan.satisfied()).isTrue();
  }

  @Test
  void breaksTiesByNodeName() {
    PlacementPlan plan =
        plan(
            request().replicas(2).build(), node("c").build(), node("b").build(), node("a").build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("a", "b");
  }

  @Test
  void givesTheSamePlanWhateverTheOrderOfTheNodes() {
    Random random = new Random(42);
    List<NodeView> nodes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      nodes.add(
          node(String.format("node-%03d", i))
              .zone("zone-" + random.nextInt(4))
              .latency(random.nextInt(40))
              .cpu(4000, 500 + random.nextInt(3500))
              .memory(8 * GIB, GIB + random.nextInt(7) * GIB)
              .build());
    }
    PlacementRequest request =
        request().replicas(25).maxLatencyMs(30).spreadBy(NodeLabels.ZONE).build();
    List<NodeView> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new Random(7));

    PlacementPlan plan = PlacementPlanner.plan(request, nodes, List.of(), NOW);
    PlacementPlan again = PlacementPlanner.plan(request, shuffled, List.of(), NOW);

    assertThat(plan.placements()).hasSize(25);
    assertThat(again.placements()).isEqualTo(plan.placements());
    assertThat(again.summary()).isEqualTo(plan.summary());
    assertThat(plan.placements()).extracting(placement -> placement.node()).isSorted();
  }
}
