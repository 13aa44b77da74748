package dev.edgewise.operator.planner;

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
  private final NodeSnapshot snapshot;
  private final CapacityLedger ledger;

  CandidateScorer(PlacementRequest request, NodeSnapshot snapshot, CapacityLedger ledger) {
    this.request = request;
    this.snapshot = snapshot;
    this.ledger = ledger;
  }

  /** Fills in the scores; kept candidates already hold their requests on their nodes. */
  void score(Candidates candidates, boolean kept) {
    double[] times = new double[candidates.size];
    double best = Double.POSITIVE_INFINITY;
    for (int k = 0; k < candidates.size; k++) {
      times[k] = timeMs(candidates.nodes[k]);
      if (!Double.isNaN(times[k])) {
        best = Math.min(best, times[k]);
      }
    }
    for (int k = 0; k < candidates.size; k++) {
      double time = Double.isNaN(times[k]) ? 0 : (1 + best) / (1 + times[k]);
      double score = TIME_WEIGHT * time + CAPACITY_WEIGHT * capacity(candidates.nodes[k], kept);
      candidates.scores[k] = Math.round(score * 100) / 100.0;
    }
  }

  /** Latency or estimated response time in ms; NaN when unknown. */
  private double timeMs(int i) {
    if (request.responseTime() != null) {
      Double estimate =
          request.responseTime().estimateMs(snapshot.views().get(i), request.artifactBytes());
      return estimate == null ? Double.NaN : estimate;
    }
    return snapshot.latencyMs[i];
  }

  private double capacity(int i, boolean kept) {
    long cpuRequest = kept ? 0 : request.cpuMillis();
    long memoryRequest = kept ? 0 : request.memoryBytes();
    long cpuFree = snapshot.cpuFree[i] - cpuRequest;
    long memoryFree = snapshot.memoryFree[i] - memoryRequest;
    if (!ledger.isEmpty()) {
      cpuFree -= ledger.cpuMillis(snapshot.names[i]);
      memoryFree -= ledger.memoryBytes(snapshot.names[i]);
    }
    double cpu = freeFraction(cpuFree, snapshot.cpuAllocatable[i]);
    double memory = freeFraction(memoryFree, snapshot.memoryAllocatable[i]);
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
