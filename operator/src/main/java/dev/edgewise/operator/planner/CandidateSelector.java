package dev.edgewise.operator.planner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

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
   * The {@code count} new candidates to place, in the order they were picked.
   *
   * @param candidates scored candidates not placed yet
   * @param kept placements kept from before (they count for the spread)
   * @param spreadBy node label to spread over, or null
   */
  static List<Candidate> pick(
      List<Candidate> candidates, List<Candidate> kept, String spreadBy, int count) {
    if (count <= 0) {
      return List.of();
    }
    if (count >= candidates.size() && spreadBy == null) {
      List<Candidate> all = new ArrayList<>(candidates);
      all.sort(Candidate.BEST_FIRST);
      return all;
    }
    if (spreadBy == null) {
      return best(candidates, count);
    }
    Map<String, List<Candidate>> bestByValue = new HashMap<>();
    Map<String, List<Candidate>> groups = new HashMap<>();
    for (Candidate candidate : candidates) {
      groups.computeIfAbsent(valueOf(candidate, spreadBy), v -> new ArrayList<>()).add(candidate);
    }
    groups.forEach((value, group) -> bestByValue.put(value, best(group, count)));
    Map<String, Integer> used = new HashMap<>();
    for (Candidate candidate : kept) {
      used.merge(valueOf(candidate, spreadBy), 1, Integer::sum);
    }
    return greedy(bestByValue, used, count);
  }

  private static List<Candidate> greedy(
      Map<String, List<Candidate>> bestByValue, Map<String, Integer> used, int count) {
    Map<String, Integer> nextIndex = new HashMap<>();
    List<Candidate> picked = new ArrayList<>(count);
    while (picked.size() < count) {
      Candidate winner = null;
      String winnerValue = null;
      double winnerScore = Double.NEGATIVE_INFINITY;
      for (Map.Entry<String, List<Candidate>> group : bestByValue.entrySet()) {
        int index = nextIndex.getOrDefault(group.getKey(), 0);
        if (index >= group.getValue().size()) {
          continue;
        }
        Candidate head = group.getValue().get(index);
        double score = head.score + SPREAD_WEIGHT / (1 + used.getOrDefault(group.getKey(), 0));
        if (winner == null
            || score > winnerScore
            || (score == winnerScore && head.node.name().compareTo(winner.node.name()) < 0)) {
          winner = head;
          winnerValue = group.getKey();
          winnerScore = score;
        }
      }
      if (winner == null) {
        break;
      }
      picked.add(winner);
      nextIndex.merge(winnerValue, 1, Integer::sum);
      used.merge(winnerValue, 1, Integer::sum);
    }
    return picked;
  }

  /** The best {@code count} candidates, best first, with a bounded heap. */
  static List<Candidate> best(List<Candidate> candidates, int count) {
    if (count <= 0) {
      return List.of();
    }
    if (candidates.size() <= count) {
      List<Candidate> all = new ArrayList<>(candidates);
      all.sort(Candidate.BEST_FIRST);
      return all;
    }
    PriorityQueue<Candidate> worstOnTop =
        new PriorityQueue<>(count + 1, Candidate.BEST_FIRST.reversed());
    for (Candidate candidate : candidates) {
      if (worstOnTop.size() < count) {
        worstOnTop.add(candidate);
      } else if (Candidate.BEST_FIRST.compare(candidate, worstOnTop.peek()) < 0) {
        worstOnTop.poll();
        worstOnTop.add(candidate);
      }
    }
    List<Candidate> best = new ArrayList<>(worstOnTop);
    best.sort(Candidate.BEST_FIRST);
    return best;
  }

  /** The node's value of the spread label; nodes without it share the empty value. */
  static String valueOf(Candidate candidate, String spreadBy) {
    if (NodeLabels.ZONE.equals(spreadBy)) {
      return candidate.node.zone() == null ? "" : candidate.node.zone();
    }
    return candidate.node.labels().getOrDefault(spreadBy, "");
  }
}
