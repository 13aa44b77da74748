package dev.edgewise.bench;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.operator.planner.CapacityLedger;
import dev.edgewise.operator.planner.CurrentPlacement;
import dev.edgewise.operator.planner.NodeLabels;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import dev.edgewise.operator.planner.PlacementPlanner;
import dev.edgewise.operator.planner.PlacementRequest;
import dev.edgewise.operator.planner.PoolSettings;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Placement planner throughput on synthetic clusters of 100 to 20,000 nodes. The score is plans per
 * second; the {@code placements} counter is placements decided per second.
 *
 * <ul>
 *   <li>{@code newReplicas}: a new ModelDeployment, 3 replicas spread over zones, latency budget 50
 *       ms, 500m CPU and 512 MiB each, in the {@code edge} pool.
 *   <li>{@code steadyReplicas}: the same ModelDeployment re-planned with its 3 placements in place
 *       (the common reconcile: nothing moves).
 *   <li>{@code perNode}: one runtime on every qualifying node of the pool.
 *   <li>{@code newReplicasFromViews}: as {@code newReplicas}, but from the node views, so the node
 *       snapshot is built inside the measured call (a plan outside any round).
 * </ul>
 *
 * <p>The others plan over a {@link NodeSnapshot} built once, as the reconciler does for all the
 * ModelDeployments of one round.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Benchmark)
public class PlannerBenchmark {
  static final PoolSettings EDGE =
      new PoolSettings(
          "edge",
          EdgePlatform.KubeEdge,
          PoolSettings.platformTolerations(EdgePlatform.KubeEdge),
          Duration.ofMinutes(5),
          null);

  @Param({"100", "1000", "5000", "20000"})
  public int nodes;

  List<NodeView> cluster;
  NodeSnapshot snapshot;
  PlacementRequest replicas;
  PlacementRequest perNode;
  List<CurrentPlacement> steady;

  /** Counts the placements the plans decide, reported per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Placements {
    public long placements;

    @Setup(Level.Iteration)
    public void reset() {
      placements = 0;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    cluster = SyntheticCluster.nodes(nodes, 42);
    snapshot = NodeSnapshot.of(cluster);
    PlacementRequest.Builder base =
        PlacementRequest.builder()
            .pools("edge")
            .pool(EDGE)
            .maxLatencyMs(50)
            .cpuMillis(500)
            .memoryBytes(512L * 1024 * 1024)
            .artifactBytes(20_000_000);
    replicas = base.replicas(3).spreadBy(NodeLabels.ZONE).build();
    perNode = base.replicas(0).spreadBy(null).perNode(true).build();
    PlacementPlan first = PlacementPlanner.plan(replicas, cluster, List.of(), SyntheticCluster.NOW);
    steady =
        first.placements().stream()
            .map((Placement p) -> new CurrentPlacement(p.node(), p.pool()))
            .toList();
  }

  @Benchmark
  public PlacementPlan newReplicas(Placements counter) {
    PlacementPlan plan =
        PlacementPlanner.plan(
            replicas, snapshot, List.of(), SyntheticCluster.NOW, new CapacityLedger());
    counter.placements += plan.placements().size();
    return plan;
  }

  @Benchmark
  public PlacementPlan newReplicasFromViews(Placements counter) {
    PlacementPlan plan = PlacementPlanner.plan(replicas, cluster, List.of(), SyntheticCluster.NOW);
    counter.placements += plan.placements().size();
    return plan;
  }

  @Benchmark
  public PlacementPlan steadyReplicas(Placements counter) {
    PlacementPlan plan =
        PlacementPlanner.plan(
            replicas, snapshot, steady, SyntheticCluster.NOW, new CapacityLedger());
    counter.placements += plan.placements().size();
    return plan;
  }

  @Benchmark
  public PlacementPlan perNode(Placements counter) {
    PlacementPlan plan =
        PlacementPlanner.plan(
            perNode, snapshot, List.of(), SyntheticCluster.NOW, new CapacityLedger());
    counter.placements += plan.placements().size();
    return plan;
  }
}
