package dev.edgewise.operator.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which nodes run a ModelDeployment's edge runtimes. Pure and deterministic: no Kubernetes
 * calls, the same inputs give the same plan.
 *
 * <p>Every node goes through the filters (pool membership, then {@link NodeFilter}); those that
 * pass are scored ({@link CandidateScorer}). Current placements that are still valid are kept even
 * when a better node exists, so a flapping node does not move runtimes; only invalid ones are
 * replaced, and when fewer are wanted the worst-scored go. New placements are picked by score and
 * spread ({@link CandidateSelector}).
 */
public final class PlacementPlanner {
  private PlacementPlanner() {}

  /** Plans one ModelDeployment on its own. */
  public static PlacementPlan plan(
      PlacementRequest request, List<NodeView> nodes, List<CurrentPlacement> current, Instant now) {
    return plan(request, nodes, current, now, new CapacityLedger());
  }

  /**
   * Plans one ModelDeployment, counting the capacity that earlier plans of the same round promised
   * (in {@code ledger}), and adds this plan's new placements to the ledger.
   */
  public static PlacementPlan plan(
      PlacementRequest request,
      List<NodeView> nodes,
      List<CurrentPlacement> current,
      Instant now,
      CapacityLedger ledger) {
    Map<String, CurrentPlacement> currentByNode = new HashMap<>(current.size() * 2);
    for (CurrentPlacement placement : current) {
      currentByNode.put(placement.node(), placement);
    }
    PoolSettings[] pools = new PoolSettings[request.pools().size()];
    for (int i = 0; i < pools.length; i++) {
      pools[i] = request.settingsOf(request.pools().get(i));
    }

    NodeFilter filter = new NodeFilter(request, ledger, now);
    Rejection[] rejections = new Rejection[nodes.size()];
    List<Candidate> kept = new ArrayList<>(current.size());
    List<Candidate> fresh = new ArrayList<>(nodes.size() / 2);
    for (int i = 0; i < rejections.length; i++) {
      NodeView node = nodes.get(i);
      CurrentPlacement placedThere = currentByNode.get(node.name());
      PoolSettings pool = poolOf(node, placedThere, pools);
      Rejection rejection =
          pool == null ? Rejection.NOT_IN_POOL : filter.check(node, pool, placedThere != null);
      if (rejection != null) {
        rejections[i] = rejection;
      } else if (placedThere != null) {
        kept.add(new Candidate(node, pool.name(), true));
      } else {
        fresh.add(new Candidate(node, pool.name(), false));
      }
    }

    CandidateScorer scorer = new CandidateScorer(request, ledger);
    scorer.score(kept);
    scorer.score(fresh);
    int fitting = kept.size() + fresh.size();
    int desired = request.perNode() ? fitting : request.replicas();

    List<Candidate> chosen = new ArrayList<>();
    if (kept.size() >= desired) {
      chosen.addAll(CandidateSelector.best(kept, desired));
    } else {
      chosen.addAll(kept);
      for (Candidate candidate :
          CandidateSelector.pick(fresh, kept, request.spreadBy(), desired - kept.size())) {
        chosen.add(candidate);
        ledger.reserve(candidate.node.name(), request.cpuMillis(), request.memoryBytes());
      }
    }
    chosen.sort(Comparator.comparing(candidate -> candidate.node.name()));

    List<Placement> placements = new ArrayList<>(chosen.size());
    Map<String, Boolean> chosenNodes = new HashMap<>();
    for (Candidate candidate : chosen) {
      placements.add(candidate.toPlacement());
      chosenNodes.put(candidate.node.name(), Boolean.TRUE);
    }
    List<CurrentPlacement> removed = new ArrayList<>();
    for (CurrentPlacement placement : current) {
      if (!chosenNodes.containsKey(placement.node())) {
        removed.add(placement);
      }
    }
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

  /**
   * The pool a node is placed in: the current placement's pool while the node still belongs to it,
   * else the first requested pool the node belongs to; null when it belongs to none.
   */
  private static PoolSettings poolOf(
      NodeView node, CurrentPlacement placedThere, PoolSettings[] pools) {
    PoolSettings first = null;
    for (PoolSettings pool : pools) {
      if (node.pools().contains(pool.name())) {
        if (placedThere == null || placedThere.pool().equals(pool.name())) {
          return pool;
        }
        if (first == null) {
          first = pool;
        }
      }
    }
    return first;
  }
}
