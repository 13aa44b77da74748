package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.plan;
import static dev.edgewise.operator.planner.PlacementPlannerFilterTest.request;
import static dev.edgewise.operator.planner.TestNodes.GIB;
import static dev.edgewise.operator.planner.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner's scores: latency, free capacity, response time and spread. */
class PlacementPlannerScoringTest {
  static final String SPEED = ResponseTimeScoring.DEFAULT_SPEED_LABEL;
  static final String BANDWIDTH = ResponseTimeScoring.DEFAULT_BANDWIDTH_LABEL;

  @Test
  void prefersLowerLatency() {
    PlacementPlan plan =
        plan(request().build(), node("far").latency(20).build(), node("near").latency(5).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("near");
    assertThat(plan.placements().get(0).latencyMs()).isEqualTo(5.0);
  }

  @Test
  void prefersMoreFreeCapacityAtEqualLatency() {
    PlacementPlan plan =
        plan(
            request().build(),
            node("busy").latency(5).cpu(4000, 1000).memory(8 * GIB, 2 * GIB).build(),
            node("idle").latency(5).cpu(4000, 3500).memory(8 * GIB, 7 * GIB).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("idle");
  }

  @Test
  void prefersBalancedCpuAndMemory() {
    PlacementPlan plan =
        plan(
            request().cpuMillis(0).memoryBytes(0).build(),
            node("lopsided").cpu(4000, 4000).memory(10 * GIB, 2 * GIB).build(),
            node("balanced").cpu(4000, 2400).memory(10 * GIB, 6 * GIB).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("balanced");
  }

  @Test
  void scoresRangeFromZeroToAHundred() {
    PlacementPlan plan =
        plan(
            request().cpuMillis(0).memoryBytes(0).replicas(2).build(),
            node("best").latency(0).build(),
            node("full").latency(1000).cpu(4000, 0).memory(8 * GIB, 0).build());

    assertThat(plan.placements()).extracting(Placement::score).containsExactly(100.0, 20.06);
  }

  @Test
  void responseTimeModelEstimatesComputePlusLatencyPlusTransfer() {
    ResponseTimeScoring model = new ResponseTimeScoring(1000, SPEED, BANDWIDTH);
    NodeView node = node("n").latency(5).label(SPEED, "10").label(BANDWIDTH, "100").build();

    // 1000 MFLOP / 10 MFLOP/ms + 5 ms + 1e6 B * 8 / (100 Mbit/s * 1000) = 100 + 5 + 80
    assertThat(model.estimateMs(node, 1_000_000)).isCloseTo(185.0, within(1e-9));
    assertThat(model.estimateMs(node("unlabelled").build(), 1)).isNull();
  }

  @Test
  void responseTimeModelPrefersAFastNodeOverANearOne() {
    NodeView nearButSlow =
        node("near").latency(5).label(SPEED, "10").label(BANDWIDTH, "100").build();
    NodeView farButFast =
        node("fast").latency(20).label(SPEED, "1000").label(BANDWIDTH, "100").build();
    NodeView unlabelled = node("unknown").latency(1).build();

    PlacementRequest byLatency = request().artifactBytes(1_000_000).build();
    PlacementRequest byResponseTime =
        request()
            .artifactBytes(1_000_000)
            .responseTime(new ResponseTimeScoring(1000, SPEED, BANDWIDTH))
            .replicas(3)
            .build();

    assertThat(plan(byLatency, nearButSlow, farButFast, unlabelled).placements())
        .extracting(Placement::node)
        .containsExactly("unknown");
    List<Placement> placements =
        plan(byResponseTime, nearButSlow, farButFast, unlabelled).placements();
    Placement fast =
        placements.stream().filter(p -> p.node().equals("fast")).findFirst().orElseThrow();
    Placement near =
        placements.stream().filter(p -> p.node().equals("near")).findFirst().orElseThrow();
    Placement unknown =
        placements.stream().filter(p -> p.node().equals("unknown")).findFirst().orElseThrow();
    assertThat(fast.score()).isGreaterThan(near.score());
    assertThat(near.score()).isGreaterThan(unknown.score());
  }

  @Test
  void spreadsOverTheSpreadByLabel() {
    NodeView[] nodes = {
      node("a1").zone("a").latency(1).build(),
      node("a2").zone("a").latency(1).build(),
      node("a3").zone("a").latency(1).build(),
      node("b1").zone("b").latency(5).build(),
      node("c1").zone("c").latency(5).build()
    };

    PlacementPlan spread = plan(request().replicas(3).spreadBy(NodeLabels.ZONE).build(), nodes);
    PlacementPlan packed = plan(request().replicas(3).build(), nodes);

    assertThat(spread.placements()).extracting(Placement::node).containsExactly("a1", "b1", "c1");
    assertThat(packed.placements()).extracting(Placement::node).containsExactly("a1", "a2", "a3");
  }

  @Test
  void spreadsOverAnyLabelAndGroupsNodesWithoutIt() {
    PlacementPlan plan =
        plan(
            request().replicas(3).spreadBy("rack").build(),
            node("r1-a").label("rack", "r1").latency(1).build(),
            node("r1-b").label("rack", "r1").latency(1).build(),
            node("none-a").latency(1).build(),
            node("none-b").latency(1).build(),
            node("r2-a").label("rack", "r2").latency(5).build());

    assertThat(plan.placements())
        .extracting(Placement::node)
        .containsExactly("none-a", "r1-a", "r2-a");
  }

  @Test
  void spreadCountsPlacementsThatAreKept() {
    NodeView[] nodes = {
      node("a1").zone("a").latency(1).build(),
      node("a2").zone("a").latency(1).build(),
      node("b1").zone("b").latency(5).build()
    };

    PlacementPlan plan =
        PlacementPlanner.plan(
            request().replicas(2).spreadBy(NodeLabels.ZONE).build(),
            List.of(nodes),
            List.of(new CurrentPlacement("a1", "edge")),
            PlacementPlannerFilterTest.NOW);

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("a1", "b1");
  }

  @Test
  void aFarBetterNodeBeatsSpread() {
    PlacementPlan plan =
        plan(
            request().replicas(2).spreadBy(NodeLabels.ZONE).build(),
            node("a1").zone("a").latency(0).build(),
            node("a2").zone("a").latency(0).build(),
            node("b1").zone("b").latency(500).cpu(4000, 500).memory(8 * GIB, GIB).build());

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("a1", "a2");
  }
}
