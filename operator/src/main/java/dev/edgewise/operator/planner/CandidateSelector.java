package dev.edgewise.operator.planner;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Picks new placements among scored candidates: the best first, and with {@code spreadBy} set a
 * bonus of {@value #SPREAD_WEIGHT} / (1 + placements already on the same label value), so
 * under-used values win unless another node is far better. Greedy and deterministic (ties go to the
 * node name); costs O(n log k + k * values) for k picks over n candidates.
 */
final class CandidateSelector {
  static final double SPREAD_WEIGHT = 100;

  private CandidateSelector() {}

  /**
   * Positions, among {@code fresh}, of the {@code count} new candidates to place.
   *
   * @param fresh scored candidates not placed yet
   * @param kept placements kept from before (they count for the spread)
   * @param spreadBy node label to spread over, or null
   */
  static int[] pick(Candidates fresh, Candidates kept, String spreadBy, int count) {
    if (count <= 0) {
      return new int[0];
    }
    if (spreadBy == null) {
      return best(fresh, allPositions(fresh), count);
    }
    SpreadValues values = new SpreadValues(fresh.snapshot, spreadBy);
    int[] freshValues = new int[fresh.size];
    for (int k = 0; k < fresh.size; k++) {
      freshValues[k] = values.idOf(fresh.nodes[k]);
    }
    int[] used = new int[values.count()];
    for (int k = 0; k < kept.size; k++) {
      int value = values.idOf(kept.nodes[k]);
      if (value < used.length) {
        used[value]++;
      }
    }
    return greedy(fresh, groupBest(fresh, freshValues, used.length, count), used, count);
  }

  /** For each value, its best {@code count} candidates, best first. */
  private static int[][] groupBest(Candidates fresh, int[] freshValues, int valueCount, int count) {
    int[] sizes = new int[valueCount];
    for (int value : freshValues) {
      sizes[value]++;
    }
    int[][] groups = new int[valueCount][];
    for (int value = 0; value < valueCount; value++) {
      groups[value] = new int[sizes[value]];
    }
    int[] filled = new int[valueCount];
    for (int k = 0; k < freshValues.length; k++) {
      int value = freshValues[k];
      groups[value][filled[value]++] = k;
    }
    for (int value = 0; value < valueCount; value++) {
      groups[value] = best(fresh, groups[value], count);
    }
    return groups;
  }

  private static int[] greedy(Candidates fresh, int[][] groups, int[] used, int count) {
    int[] next = new int[groups.length];
    int[] picked = new int[count];
    int pickedCount = 0;
    while (pickedCount < count) {
      int winnerValue = -1;
      double winnerScore = Double.NEGATIVE_INFINITY;
      for (int value = 0; value < groups.length; value++) {
        if (next[value] >= groups[value].length) {
          continue;
        }
        int head = groups[value][next[value]];
        double score = fresh.scores[head] + SPREAD_WEIGHT / (1 + used[value]);
        if (winnerValue < 0
            || score > winnerScore
            || (score == winnerScore
                && fresh.name(head).compareTo(fresh.name(groups[winnerValue][next[winnerValue]]))
                    < 0)) {
          winnerValue = value;
          winnerScore = score;
        }
      }
      if (winnerValue < 0) {
        break;
      }
      picked[pickedCount++] = groups[winnerValue][next[winnerValue]++];
      used[winnerValue]++;
    }
    return Arrays.copyOf(picked, pickedCount);
  }

  /** The best {@code count} of the positions, best first, with a bounded heap. */
  static int[] best(Candidates candidates, int[] positions, int count) {
    if (count <= 0) {
      return new int[0];
    }
    if (positions.length <= count) {
      return sortedBestFirst(candidates, positions.clone());
    }
    int[] heap = new int[count];
    int size = 0;
    for (int position : positions) {
      if (size < count) {
        heap[size] = position;
        siftUp(candidates, heap, size++);
      } else if (candidates.compareBestFirst(position, heap[0]) < 0) {
        heap[0] = position;
        siftDown(candidates, heap, size);
      }
    }
    return sortedBestFirst(candidates, heap);
  }

  static int[] allPositions(Candidates candidates) {
    int[] positions = new int[candidates.size];
    for (int k = 0; k < positions.length; k++) {
      positions[k] = k;
    }
    return positions;
  }

  /** Root holds the worst: a parent is never better than its children. */
  private static void siftUp(Candidates candidates, int[] heap, int index) {
    while (index > 0) {
      int parent = (index - 1) / 2;
      if (candidates.compareBestFirst(heap[parent], heap[index]) >= 0) {
        return;
      }
      swap(heap, parent, index);
      index = parent;
    }
  }

  private static void siftDown(Candidates candidates, int[] heap, int size) {
    int index = 0;
    while (true) {
      int left = 2 * index + 1;
      int right = left + 1;
      int worst = index;
      if (left < size && candidates.compareBestFirst(heap[left], heap[worst]) > 0) {
        worst = left;
      }
      if (right < size && candidates.compareBestFirst(heap[right], heap[worst]) > 0) {
        worst = right;
      }
      if (worst == index) {
        return;
      }
      swap(heap, index, worst);
      index = worst;
    }
  }

  private static void swap(int[] heap, int a, int b) {
    int held = heap[a];
    heap[a] = heap[b];
    heap[b] = held;
  }

  private static int[] sortedBestFirst(Candidates candidates, int[] positions) {
    Integer[] boxed = new Integer[positions.length];
    for (int k = 0; k < positions.length; k++) {
      boxed[k] = positions[k];
    }
    Arrays.sort(boxed, candidates::compareBestFirst);
    for (int k = 0; k < positions.length; k++) {
      positions[k] = boxed[k];
    }
    return positions;
  }

  /** Dense ids for the values of the spread label; nodes without it share the empty value. */
  private static final class SpreadValues {
    private final NodeSnapshot snapshot;
    private final boolean byZone;
    private final String label;
    private final Map<String, Integer> ids = new HashMap<>();

    SpreadValues(NodeSnapshot snapshot, String label) {
      this.snapshot = snapshot;
      this.byZone = NodeLabels.ZONE.equals(label);
      this.label = label;
    }

    int idOf(int node) {
      if (byZone) {
        return snapshot.zoneIds[node];
      }
      String value = snapshot.views().get(node).labels().getOrDefault(label, "");
      return ids.computeIfAbsent(value, v -> ids.size());
    }

    int count() {
      return byZone ? snapshot.zoneCount : ids.size();
    }
  }
}
