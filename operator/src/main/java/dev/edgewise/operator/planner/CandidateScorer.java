package dev.edgewise.operator.planner;

import java.util.List;

/**
 * Scores candidates from 0 to 100: 60% time (latency, or the estimated response time when the
 * response-time model is on; (1 + best) / (1 + own), so the best node scores 1) and 40% free
 * capacity after the placement (half least-allocated, half CPU/memory balance). Nodes without the
 * latency or response-time labels get no time score.
 */
final class CandidateScorer {
  static final double TIME_WEIGHT = 60;
  static final double CAPACITY_WEIGHT = 40;

  private final PlacementRequest request;
  private final CapacityLedger ledger;

  CandidateScorer(PlacementRequest request, CapacityLedger ledger) {
    this.request = request;
    this.ledger = ledger;
  }

  void score(List<Candidate> candidates) {
    double[] times = new double[candidates.size()];
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < times.length; i++) {
      times[i] = timeMs(candidates.get(i).node);
      if (!Double.isNaN(times[i])) {
        best = Math.min(best, times[i]);
      }
    }
    for (int i = 0; i < times.length; i++) {
      Candidate candidate = candidates.get(i);
      double time = Double.isNaN(times[i]) ? 0 : (1 + best) / (1 + times[i]);
      double score = TIME_WEIGHT * time + CAPACITY_WEIGHT * capacity(candidate);
      candidate.score = Math.round(score * 100) / 100.0;
    }
  }

  /** Latency or estimated response time in ms; NaN when unknown. */
  private double timeMs(NodeView node) {
    if (request.responseTime() != null) {
      Double estimate = request.responseTime().estimateMs(node, request.artifactBytes());
      return estimate == null ? Double.NaN : estimate;
    }
    return node.latencyMs() == null ? Double.NaN : node.latencyMs();
  }

  private double capacity(Candidate candidate) {
    NodeView node = candidate.node;
    long cpuRequest = candidate.kept ? 0 : request.cpuMillis();
    long memoryRequest = candidate.kept ? 0 : request.memoryBytes();
    double cpu =
        freeFraction(
            node.cpuFreeMillis() - ledger.cpuMillis(node.name()) - cpuRequest,
            node.cpuAllocatableMillis());
    double memory =
        freeFraction(
            node.memoryFreeBytes() - ledger.memoryBytes(node.name()) - memoryRequest,
            node.memoryAllocatableBytes());
    double leastAllocated = (cpu + memory) / 2;
    double balance = 1 - Math.abs(cpu - memory);
    return (leastAllocated + balance) / 2;
  }

  private static double freeFraction(long free, long allocatable) {
    if (allocatable <= 0) {
      return 0;
    }
    return Math.max(0, Math.min(1, (double) free / allocatable));
  }
}
