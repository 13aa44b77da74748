package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.operator.cluster.NodeSnapshotCache;
import dev.edgewise.operator.planner.CapacityLedger;
import dev.edgewise.operator.planner.CurrentPlacement;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import dev.edgewise.operator.planner.PlacementPlanner;
import dev.edgewise.operator.planner.PlacementRequest;
import dev.edgewise.operator.planner.PoolSettings;
import dev.edgewise.operator.pool.PoolMembers;
import dev.edgewise.operator.workload.WorkloadLabels;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The placement step: turns what was observed into the planner's inputs (node views of the
 * referenced pools, current placements from the runtime Deployments, other models per node), runs
 * the pure {@link PlacementPlanner}, and reports {@code Placed} with the planner's explanation.
 */
public final class PlacementStage {
  private PlacementStage() {}

  public static PlacementPlan plan(
      ModelDeployment md,
      Observation observed,
      NodeSnapshotCache nodes,
      RuntimesPerNode runtimesPerNode,
      long artifactBytes,
      Instant now,
      StatusDraft status)
      throws ReconcileProblem {
    if (!observed.missingPools().isEmpty()) {
      throw new ReconcileProblem(
          Conditions.PLACED,
          "PoolNotFound",
          Phase.Pending,
          "spec.placement.pools names EdgeNodePools that do not exist: "
              + String.join(", ", observed.missingPools()));
    }
    Map<String, PoolSettings> settings = new LinkedHashMap<>();
    observed.pools().forEach((name, pool) -> settings.put(name, PoolSettings.from(pool)));
    PlacementRequest request =
        PlacementRequest.from(
            md.getSpec().getPlacement(),
            settings,
            artifactBytes,
            limitsModelsPerNode(settings)
                ? runtimesPerNode.excluding(observed.deployments())
                : Map.of());
    PlacementPlan plan =
        PlacementPlanner.plan(
            request,
            nodes.snapshot(
                observed.cluster(), observed.allPools().values(), latencyLabel(observed)),
            currentPlacements(observed),
            now,
            new CapacityLedger());
    reportPlaced(plan, status);
    return plan;
  }

  private static void reportPlaced(PlacementPlan plan, StatusDraft status) {
    List<String> nodes = plan.placements().stream().map(Placement::node).toList();
    if (plan.satisfied()) {
      status.condition(
          Conditions.PLACED,
          true,
          "Placed",
          plan.placements().size() + " placements: " + abbreviate(nodes));
    } else {
      status.condition(Conditions.PLACED, false, "InsufficientNodes", plan.summary());
    }
  }

  /** The latency label of the first referenced pool: the one the snapshot reads latencies from. */
  private static String latencyLabel(Observation observed) {
    return observed.pools().values().stream()
        .map(pool -> pool.getSpec().getLatencyLabel())
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(PoolMembers.DEFAULT_LATENCY_LABEL);
  }

  static List<CurrentPlacement> currentPlacements(Observation observed) {
    return observed.deployments().stream()
        .filter(d -> d.getMetadata().getLabels() != null)
        .map(
            d ->
                new CurrentPlacement(
                    d.getMetadata().getLabels().get(WorkloadLabels.NODE),
                    d.getMetadata().getLabels().get(WorkloadLabels.POOL)))
        .filter(p -> p.node() != null)
        .toList();
  }

  /**
   * Whether a pool caps the models per node: only then does the planner read the other models'
   * runtimes per node.
   */
  private static boolean limitsModelsPerNode(Map<String, PoolSettings> settings) {
    return settings.values().stream().anyMatch(pool -> pool.maxModelsPerNode() != null);
  }

  static String abbreviate(List<String> names) {
    return names.size() <= 6
        ? String.join(", ", names)
        : names.stream().limit(6).collect(Collectors.joining(", "))
            + " and "
            + (names.size() - 6)
            + " more";
  }
}
