package dev.edgewise.operator.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One run of the planner for one ModelDeployment: the steps of {@link PlacementPlanner#plan}. */
final class PlanningPass {
  private final PlacementRequest request;
  private final NodeSnapshot nodes;
  private final CapacityLedger ledger;
  private final PoolSettings[] pools;
  private final int[] poolIds;
  private final long requestedPoolMask;
  private final NodeFilter filter;
  private final Rejection[] rejections;
  private final boolean[] placedThere;
  private final List<CurrentPlacement> removed = new ArrayList<>();
  private final List<Placement> placements = new ArrayList<>();
  private Candidates kept;
  private Candidates fresh;

  PlanningPass(PlacementRequest request, NodeSnapshot nodes, Instant now, CapacityLedger ledger) {
    this.request = request;
    this.nodes = nodes;
    this.ledger = ledger;
    this.pools = new PoolSettings[request.pools().size()];
    this.poolIds = new int[pools.length];
    for (int p = 0; p < pools.length; p++) {
      pools[p] = request.settingsOf(request.pools().get(p));
      poolIds[p] = nodes.poolId(pools[p].name());
    }
    this.requestedPoolMask = maskOf(poolIds);
    this.filter = new NodeFilter(request, nodes, ledger, now, pools.length);
    this.rejections = new Rejection[nodes.size()];
    this.placedThere = new boolean[nodes.size()];
  }

  PlacementPlan run(List<CurrentPlacement> current) {
    keepValidPlacements(current);
    filterOtherNodes();
    CandidateScorer scorer = new CandidateScorer(request, nodes, ledger);
    scorer.score(kept, true);
    scorer.score(fresh, false);
    int fitting = kept.size + fresh.size;
    int desired = request.perNode() ? fitting : request.replicas();
    if (kept.size >= desired) {
      dropWorstKept(desired);
    } else {
      addNewPlacements(desired - kept.size);
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

  /** Current placements stay while their node still passes the filters; the others go. */
  private void keepValidPlacements(List<CurrentPlacement> current) {
    kept = new Candidates(nodes, current.size());
    for (CurrentPlacement placement : current) {
      int i = nodes.indexOf(placement.node());
      if (i < 0 || placedThere[i]) {
        removed.add(placement);
        continue;
      }
      placedThere[i] = true;
      int pool = poolOf(i, placement.pool());
      Rejection rejection =
          pool < 0 ? Rejection.NOT_IN_POOL : filter.check(i, pools[pool], pool, true);
      if (rejection == null) {
        kept.add(i, pool);
      } else {
        rejections[i] = rejection;
        removed.add(placement);
      }
    }
  }

  /** Every node without a placement goes through the filters for a new one. */
  private void filterOtherNodes() {
    fresh = new Candidates(nodes, nodes.size() / 4);
    for (int i = 0; i < rejections.length; i++) {
      if (placedThere[i]) {
        continue;
      }
      int pool =
          requestedPoolMask == 0 || (nodes.poolMasks[i] & requestedPoolMask) != 0
              ? poolOf(i, null)
              : -1;
      Rejection rejection =
          pool < 0 ? Rejection.NOT_IN_POOL : filter.check(i, pools[pool], pool, false);
      if (rejection == null) {
        fresh.add(i, pool);
      } else {
        rejections[i] = rejection;
      }
    }
  }

  /** Fewer placements wanted than kept: keep the best-scored ones. */
  private void dropWorstKept(int desired) {
    boolean[] keep = new boolean[kept.size];
    for (int k : CandidateSelector.best(kept, CandidateSelector.allPositions(kept), desired)) {
      keep[k] = true;
      placements.add(placement(kept, k, true));
    }
    for (int k = 0; k < kept.size; k++) {
      if (!keep[k]) {
        removed.add(new CurrentPlacement(kept.name(k), pools[kept.pools[k]].name()));
      }
    }
  }

  /** Keep every valid placement and add the best new ones, reserving them in the ledger. */
  private void addNewPlacements(int missing) {
    for (int k = 0; k < kept.size; k++) {
      placements.add(placement(kept, k, true));
    }
    int[] picked =
        request.perNode()
            ? CandidateSelector.allPositions(fresh)
            : CandidateSelector.pick(fresh, kept, request.spreadBy(), missing);
    for (int k : picked) {
      placements.add(placement(fresh, k, false));
      ledger.reserve(fresh.name(k), request.cpuMillis(), request.memoryBytes());
    }
  }

  private Placement placement(Candidates candidates, int k, boolean wasKept) {
    int i = candidates.nodes[k];
    double latency = nodes.latencyMs[i];
    return new Placement(
        nodes.names[i],
        pools[candidates.pools[k]].name(),
        Double.isNaN(latency) ? null : latency,
        candidates.scores[k],
        !nodes.ready[i],
        wasKept);
  }

  /**
   * The requested pools as a bit mask over the snapshot's pool ids, to skip nodes outside them with
   * one test; 0 when some id does not fit in the mask (every node is then checked pool by pool).
   */
  private static long maskOf(int[] poolIds) {
    long mask = 0;
    for (int id : poolIds) {
      if (id >= Long.SIZE) {
        return 0;
      }
      if (id >= 0) {
        mask |= 1L << id;
      }
    }
    return mask;
  }

  /**
   * Position in the request of the pool node {@code i} is placed in: the current placement's pool
   * while the node still belongs to it, else the first requested pool the node belongs to; -1 when
   * it belongs to none.
   */
  private int poolOf(int i, String currentPool) {
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
