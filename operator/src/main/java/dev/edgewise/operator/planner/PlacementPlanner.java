package dev.edgewise.operator.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Decides which nodes run a ModelDeployment's edge runtimes. Pure and deterministic: no Kubernetes
 * calls, the same inputs give the same plan.
 *
 * <p>Every node goes through the filters (pool membership, then {@link NodeFilter}); those that
 * pass are scored ({@link CandidateScorer}). Current placements that are still valid are kept even
 * when a better node exists, so a flapping node does not move runtimes; only invalid ones are
 * replaced, and when fewer are wanted the worst-scored go. New placements are picked by score and
 * spread ({@link CandidateSelector}). Cost is linear in the nodes.
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
    PoolSettings[] pools = new PoolSettings[request.pools().size()];
    int[] poolIds = new int[pools.length];
    for (int p = 0; p < pools.length; p++) {
      pools[p] = request.settingsOf(request.pools().get(p));
      poolIds[p] = nodes.poolId(pools[p].name());
    }
    NodeFilter filter = new NodeFilter(request, nodes, ledger, now, pools.length);
    Rejection[] rejections = new Rejection[nodes.size()];
    boolean[] placedThere = new boolean[nodes.size()];
    List<CurrentPlacement> removed = new ArrayList<>();

    Candidates kept = new Candidates(nodes, current.size());
    for (CurrentPlacement placement : current) {
      int i = nodes.indexOf(placement.node());
      if (i < 0 || placedThere[i]) {
        removed.add(placement);
        continue;
      }
      placedThere[i] = true;
      int pool = poolOf(nodes, i, poolIds, placement.pool(), pools);
      Rejection rejection =
          pool < 0 ? Rejection.NOT_IN_POOL : filter.check(i, pools[pool], pool, true);
      if (rejection == null) {
        kept.add(i, pool);
      } else {
        rejections[i] = rejection;
        removed.add(placement);
      }
    }

    Candidates fresh = new Candidates(nodes, nodes.size() / 4);
    for (int i = 0; i < rejections.length; i++) {
      if (placedThere[i]) {
        continue;
      }
      int pool = poolOf(nodes, i, poolIds, null, pools);
      Rejection rejection =
          pool < 0 ? Rejection.NOT_IN_POOL : filter.check(i, pools[pool], pool, false);
      if (rejection == null) {
        fresh.add(i, pool);
      } else {
        rejections[i] = rejection;
      }
    }

    CandidateScorer scorer = new CandidateScorer(request, nodes, ledger);
    scorer.score(kept, true);
    scorer.score(fresh, false);
    int fitting = kept.size + fresh.size;
    int desired = request.perNode() ? fitting : request.replicas();

    List<Placement> placements = new ArrayList<>(Math.min(desired, fitting));
    if (kept.size >= desired) {
      int[] best = CandidateSelector.best(kept, CandidateSelector.allPositions(kept), desired);
      boolean[] keep = new boolean[kept.size];
      for (int k : best) {
        keep[k] = true;
        placements.add(placement(kept, k, pools, true));
      }
      for (int k = 0; k < kept.size; k++) {
        if (!keep[k]) {
          removed.add(new CurrentPlacement(kept.name(k), pools[kept.pools[k]].name()));
        }
      }
    } else {
      for (int k = 0; k < kept.size; k++) {
        placements.add(placement(kept, k, pools, true));
      }
      int[] picked =
          request.perNode()
              ? CandidateSelector.allPositions(fresh)
              : CandidateSelector.pick(fresh, kept, request.spreadBy(), desired - kept.size);
      for (int k : picked) {
        placements.add(placement(fresh, k, pools, false));
        ledger.reserve(fresh.name(k), request.cpuMillis(), request.memoryBytes());
      }
    }
    placements.sort(Comparator.comparing(Placement::node));
    removed.sort(Comparator.comparing(CurrentPlacement::node));
    return new PlacementPlan(
        placements,
        removed,
        desired,
        request.perNode(),
        fitting,
        nodes,
        rejections,
        request.maxLatencyMs());
  }

  private static Placement placement(
      Candidates candidates, int k, PoolSettings[] pools, boolean kept) {
    int i = candidates.nodes[k];
    NodeSnapshot nodes = candidates.snapshot;
    double latency = nodes.latencyMs[i];
    return new Placement(
        nodes.names[i],
        pools[candidates.pools[k]].name(),
        Double.isNaN(latency) ? null : latency,
        candidates.scores[k],
        !nodes.ready[i],
        kept);
  }

  /**
   * Position in the request of the pool node {@code i} is placed in: the current placement's pool
   * while the node still belongs to it, else the first requested pool the node belongs to; -1 when
   * it belongs to none.
   */
  private static int poolOf(
      NodeSnapshot nodes, int i, int[] poolIds, String currentPool, PoolSettings[] pools) {
    int first = -1;
    for (int p = 0; p < poolIds.length; p++) {
      if (poolIds[p] >= 0 && nodes.inPool(i, poolIds[p])) {
        if (currentPool == null || currentPool.equals(pools[p].name())) {
          return p;
        }
        if (first < 0) {
          first = p;
        }
      }
    }
    return first;
  }
}
