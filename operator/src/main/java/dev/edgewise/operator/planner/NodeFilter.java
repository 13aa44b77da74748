package dev.edgewise.operator.planner;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The planner's filters, in order: readiness (or a disconnection within the grace period for a node
 * already placed on), taints, extra node selector, latency budget, then, for new placements only,
 * CPU, memory and the pool's model limit. Existing placements already hold their requests on the
 * node, so they are not re-checked for capacity.
 */
final class NodeFilter {
  private final PlacementRequest request;
  private final CapacityLedger ledger;
  private final Instant now;

  NodeFilter(PlacementRequest request, CapacityLedger ledger, Instant now) {
    this.request = request;
    this.ledger = ledger;
    this.now = now;
  }

  /** The first reason the node cannot hold the placement, or null when it can. */
  Rejection check(NodeView node, PoolSettings pool, boolean placedThere) {
    if (!node.ready()) {
      if (!placedThere) {
        return Rejection.NOT_READY;
      }
      if (!withinGracePeriod(node, pool.disconnectGracePeriod())) {
        return Rejection.DISCONNECTED_PAST_GRACE_PERIOD;
      }
    }
    if (!node.taints().isEmpty()
        && !Tolerations.allowed(node.taints(), pool.tolerations(), placedThere)) {
      return Rejection.UNTOLERATED_TAINT;
    }
    if (!request.nodeSelector().isEmpty() && !hasSelectedLabels(node)) {
      return Rejection.NODE_SELECTOR_MISMATCH;
    }
    if (request.maxLatencyMs() != null) {
      if (node.latencyMs() == null) {
        return Rejection.NO_LATENCY_LABEL;
      }
      if (node.latencyMs() > request.maxLatencyMs()) {
        return Rejection.OVER_LATENCY_BUDGET;
      }
    }
    return placedThere ? null : admissionCheck(node, pool);
  }

  private Rejection admissionCheck(NodeView node, PoolSettings pool) {
    if (node.cpuFreeMillis() - ledger.cpuMillis(node.name()) < request.cpuMillis()) {
      return Rejection.INSUFFICIENT_CPU;
    }
    if (node.memoryFreeBytes() - ledger.memoryBytes(node.name()) < request.memoryBytes()) {
      return Rejection.INSUFFICIENT_MEMORY;
    }
    if (pool.maxModelsPerNode() != null) {
      long models =
          request.otherModelsByNode().getOrDefault(node.name(), 0) + ledger.placements(node.name());
      if (models >= pool.maxModelsPerNode()) {
        return Rejection.MODEL_LIMIT_REACHED;
      }
    }
    return null;
  }

  private boolean withinGracePeriod(NodeView node, Duration gracePeriod) {
    return node.notReadySince() != null && now.isBefore(node.notReadySince().plus(gracePeriod));
  }

  private boolean hasSelectedLabels(NodeView node) {
    for (Map.Entry<String, String> wanted : request.nodeSelector().entrySet()) {
      if (!wanted.getValue().equals(node.labels().get(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
