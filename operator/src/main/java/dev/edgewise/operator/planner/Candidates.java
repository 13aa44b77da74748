package dev.edgewise.operator.planner;

import java.util.Arrays;

/**
 * Nodes that passed every filter, as parallel arrays: the node's index in the snapshot, the
 * position of its pool in the request, and its score. Positions ({@code 0..size-1}) name them.
 */
final class Candidates {
  final NodeSnapshot snapshot;
  int[] nodes;
  int[] pools;
  double[] scores;
  int size;

  Candidates(NodeSnapshot snapshot, int capacity) {
    this.snapshot = snapshot;
    int initial = Math.max(4, capacity);
    nodes = new int[initial];
    pools = new int[initial];
    scores = new double[initial];
  }

  void add(int node, int pool) {
    if (size == nodes.length) {
      nodes = Arrays.copyOf(nodes, size * 2);
      pools = Arrays.copyOf(pools, size * 2);
      scores = Arrays.copyOf(scores, size * 2);
    }
    nodes[size] = node;
    pools[size] = pool;
    size++;
  }

  String name(int position) {
    return snapshot.names[nodes[position]];
  }

  /** Negative when the candidate at {@code a} is better: higher score, then smaller node name. */
  int compareBestFirst(int a, int b) {
    int byScore = Double.compare(scores[b], scores[a]);
    return byScore != 0 ? byScore : name(a).compareTo(name(b));
  }

  /** Every position, best first. */
  int[] allBestFirst() {
    Integer[] positions = new Integer[size];
    for (int i = 0; i < size; i++) {
      positions[i] = i;
    }
    Arrays.sort(positions, this::compareBestFirst);
    return Arrays.stream(positions).mapToInt(Integer::intValue).toArray();
  }
}
