package dev.edgewise.operator.planner;

import java.time.Instant;
import java.util.Map;

/**
 * The planner's filters over a {@link NodeSnapshot}, in order: readiness (or a disconnection within
 * the grace period for a node already placed on), taints, extra node selector, latency budget,
 * then, for new placements only, CPU, memory and the pool's model limit. Existing placements
 * already hold their requests on the node, so they are not re-checked for capacity. Taint verdicts
 * are cached per pool and distinct taint list.
 */
final class NodeFilter {
  private static final byte UNKNOWN = 0;
  private static final byte ALLOWED = 1;
  private static final byte BLOCKED = 2;

  private final PlacementRequest request;
  private final NodeSnapshot snapshot;
  private final CapacityLedger ledger;
  private final long nowMillis;
  private final byte[][] newPodTaintVerdicts;

  NodeFilter(
      PlacementRequest request,
      NodeSnapshot snapshot,
      CapacityLedger ledger,
      Instant now,
      int poolCount) {
    this.request = request;
    this.snapshot = snapshot;
    this.ledger = ledger;
    this.nowMillis = now.toEpochMilli();
    this.newPodTaintVerdicts = new byte[poolCount][snapshot.taintSetCount()];
  }

  /** The first reason node {@code i} cannot hold the placement, or null when it can. */
  Rejection check(int i, PoolSettings pool, int poolPosition, boolean placedThere) {
    if (!snapshot.ready[i]) {
      if (!placedThere) {
        return Rejection.NOT_READY;
      }
      if (!snapshot.withinGracePeriod(i, nowMillis, pool.disconnectGracePeriod().toMillis())) {
        return Rejection.DISCONNECTED_PAST_GRACE_PERIOD;
      }
    }
    if (!taintsAllowed(i, pool, poolPosition, placedThere)) {
      return Rejection.UNTOLERATED_TAINT;
    }
    if (!request.nodeSelector().isEmpty() && !hasSelectedLabels(i)) {
      return Rejection.NODE_SELECTOR_MISMATCH;
    }
    if (request.maxLatencyMs() != null) {
      double latency = snapshot.latencyMs[i];
      if (Double.isNaN(latency)) {
        return Rejection.NO_LATENCY_LABEL;
      }
      if (latency > request.maxLatencyMs()) {
        return Rejection.OVER_LATENCY_BUDGET;
      }
    }
    return placedThere ? null : admissionCheck(i, pool);
  }

  private Rejection admissionCheck(int i, PoolSettings pool) {
    String name = snapshot.names[i];
    if (snapshot.cpuFree[i] - ledger.cpuMillis(name) < request.cpuMillis()) {
      return Rejection.INSUFFICIENT_CPU;
    }
    if (snapshot.memoryFree[i] - ledger.memoryBytes(name) < request.memoryBytes()) {
      return Rejection.INSUFFICIENT_MEMORY;
    }
    if (pool.maxModelsPerNode() != null) {
      long models = request.otherModelsByNode().getOrDefault(name, 0) + ledger.placements(name);
      if (models >= pool.maxModelsPerNode()) {
        return Rejection.MODEL_LIMIT_REACHED;
      }
    }
    return null;
  }

  private boolean taintsAllowed(int i, PoolSettings pool, int poolPosition, boolean placedThere) {
    int taintSet = snapshot.taintSetIds[i];
    if (placedThere) {
      return Tolerations.allowed(snapshot.taintSet(taintSet), pool.tolerations(), true);
    }
    byte verdict = newPodTaintVerdicts[poolPosition][taintSet];
    if (verdict == UNKNOWN) {
      verdict =
          Tolerations.allowed(snapshot.taintSet(taintSet), pool.tolerations(), false)
              ? ALLOWED
              : BLOCKED;
      newPodTaintVerdicts[poolPosition][taintSet] = verdict;
    }
    return verdict == ALLOWED;
  }

  private boolean hasSelectedLabels(int i) {
    Map<String, String> labels = snapshot.views().get(i).labels();
    for (Map.Entry<String, String> wanted : request.nodeSelector().entrySet()) {
      if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
