package dev.edgewise.operator.planner;

import java.util.Comparator;

/** A node that passed every filter, with the pool it would be placed in and its score. */
final class Candidate {
  /** Best score first, then node name. */
  static final Comparator<Candidate> BEST_FIRST = Candidate::compareBestFirst;

  final NodeView node;
  final String pool;
  final boolean kept;
  double score;

  Candidate(NodeView node, String pool, boolean kept) {
    this.node = node;
    this.pool = pool;
    this.kept = kept;
  }

  private static int compareBestFirst(Candidate a, Candidate b) {
    int byScore = Double.compare(b.score, a.score);
    return byScore != 0 ? byScore : a.node.name().compareTo(b.node.name());
  }

  Placement toPlacement() {
    return new Placement(node.name(), pool, node.latencyMs(), score, !node.ready(), kept);
  }
}
