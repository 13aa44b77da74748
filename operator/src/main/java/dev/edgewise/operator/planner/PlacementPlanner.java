package dev.edgewise.operator.planner;

import java.time.Instant;
import java.util.List;

/**
 * Decides which nodes run a ModelDeployment's edge runtimes. Pure and deterministic: no Kubernetes
 * calls, the same inputs give the same plan.
 *
 * <p>Every node goes through the filters (pool membership, then {@link NodeFilter}); those that
 * pass are scored ({@link CandidateScorer}). Current placements that are still valid are kept even
 * when a better node exists, so a flapping node does not move runtimes; only invalid ones are
 * replaced, and when fewer are wanted the worst-scored go. New placements are picked by score and
 * spread ({@link CandidateSelector}). Cost is linear in the nodes ({@link PlanningPass}).
 */
public final class PlacementPlanner {
  private PlacementPlanner() {}

  /** Plans one ModelDeployment on its own. */
  public static PlacementPlan plan(
      PlacementRequest request, List<NodeView> nodes, List<CurrentPlacement> current, Instant now) {
    return plan(request, NodeSnapshot.of(nodes), current, now, new CapacityLedger());
  }

  /**
   * Plans one ModelDeployment of a round: over the round's node snapshot, counting the capacity
   * that earlier plans of the round promised (in {@code ledger}); adds this plan's new placements
   * to the ledger.
   */
  public static PlacementPlan plan(
      PlacementRequest request,
      NodeSnapshot nodes,
      List<CurrentPlacement> current,
      Instant now,
      CapacityLedger ledger) {
    return new PlanningPass(request, nodes, now, ledger).run(current);
  }
}
