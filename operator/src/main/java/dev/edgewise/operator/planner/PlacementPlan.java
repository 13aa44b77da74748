package dev.edgewise.operator.planner;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The planner's answer: where the runtimes go, which existing placements to remove, and why every
 * other node was left out.
 */
public final class PlacementPlan {
  private final List<Placement> placements;
  private final List<CurrentPlacement> removed;
  private final int desired;
  private final boolean perNode;
  private final int fitting;
  private final NodeSnapshot nodes;
  private final Rejection[] rejections;
  private final Integer maxLatencyMs;

  PlacementPlan(
      List<Placement> placements,
      List<CurrentPlacement> removed,
      int desired,
      boolean perNode,
      int fitting,
      NodeSnapshot nodes,
      Rejection[] rejections,
      Integer maxLatencyMs) {
    this.placements = List.copyOf(placements);
    this.removed = List.copyOf(removed);
    this.desired = desired;
    this.perNode = perNode;
    this.fitting = fitting;
    this.nodes = nodes;
    this.rejections = rejections;
    this.maxLatencyMs = maxLatencyMs;
  }

  /** The placements, kept and new, ordered by node name. */
  public List<Placement> placements() {
    return placements;
  }

  /** Current placements the plan does not keep: their workloads should be deleted. */
  public List<CurrentPlacement> removed() {
    return removed;
  }

  /** Placements wanted: the replicas, or with perNode the number of nodes that fit. */
  public int desired() {
    return desired;
  }

  /** Nodes that passed every filter (placed or not). */
  public int fittingNodes() {
    return fitting;
  }

  /** Whether the plan places as many runtimes as wanted (perNode: at least one). */
  public boolean satisfied() {
    return perNode ? !placements.isEmpty() : placements.size() >= desired;
  }

  /** The first failing reason of a node left out, if it was rejected. */
  public Optional<Rejection> rejection(String node) {
    int i = nodes.indexOf(node);
    return i < 0 ? Optional.empty() : Optional.ofNullable(rejections[i]);
  }

  /** Every rejected node with its first failing reason, in the order the nodes were given. */
  public Map<String, Rejection> rejections() {
    Map<String, Rejection> byNode = new LinkedHashMap<>();
    for (int i = 0; i < rejections.length; i++) {
      if (rejections[i] != null) {
        byNode.put(nodes.names[i], rejections[i]);
      }
    }
    return Collections.unmodifiableMap(byNode);
  }

  /** Rejected nodes counted by reason, most frequent first (then in filter order). */
  public Map<Rejection, Integer> rejectionCounts() {
    Map<Rejection, Integer> counts = new EnumMap<>(Rejection.class);
    for (Rejection rejection : rejections) {
      if (rejection != null) {
        counts.merge(rejection, 1, Integer::sum);
      }
    }
    List<Map.Entry<Rejection, Integer>> entries = new ArrayList<>(counts.entrySet());
    entries.sort(
        Map.Entry.<Rejection, Integer>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    Map<Rejection, Integer> ordered = new LinkedHashMap<>();
    entries.forEach(entry -> ordered.put(entry.getKey(), entry.getValue()));
    return Collections.unmodifiableMap(ordered);
  }

  /**
   * One line for status and events, such as {@code 3/12 nodes fit: 8 over latency budget 20ms, 1
   * insufficient memory}.
   */
  public String summary() {
    String head = fitting + "/" + nodes.size() + " nodes fit";
    Map<Rejection, Integer> counts = rejectionCounts();
    if (counts.isEmpty()) {
      return head;
    }
    return head
        + ": "
        + counts.entrySet().stream()
            .map(entry -> entry.getValue() + " " + entry.getKey().text(maxLatencyMs))
            .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return "PlacementPlan[" + placements.size() + "/" + desired + " placed; " + summary() + "]";
  }
}
