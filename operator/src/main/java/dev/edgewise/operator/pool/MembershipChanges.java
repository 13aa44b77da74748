package dev.edgewise.operator.pool;

import dev.edgewise.operator.planner.NodeView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What changed in a pool between two observations: nodes that joined, left, disconnected or came
 * back. Pure; the reconciler turns each change into an Event.
 */
public record MembershipChanges(
    List<String> joined, List<String> left, List<String> disconnected, List<String> reconnected) {

  /** Readiness by node name, as last observed. */
  public static Map<String, Boolean> snapshot(List<NodeView> members) {
    Map<String, Boolean> snapshot = new TreeMap<>();
    members.forEach(n -> snapshot.put(n.name(), n.ready()));
    return snapshot;
  }

  public static MembershipChanges between(Map<String, Boolean> before, Map<String, Boolean> after) {
    List<String> joined = new ArrayList<>();
    List<String> disconnected = new ArrayList<>();
    List<String> reconnected = new ArrayList<>();
    after.forEach(
        (node, ready) -> {
          Boolean was = before.get(node);
          if (was == null) {
            joined.add(node);
          } else if (was && !ready) {
            disconnected.add(node);
          } else if (!was && ready) {
            reconnected.add(node);
          }
        });
    List<String> left = before.keySet().stream().filter(n -> !after.containsKey(n)).toList();
    return new MembershipChanges(joined, left, disconnected, reconnected);
  }

  public boolean isEmpty() {
    return joined.isEmpty() && left.isEmpty() && disconnected.isEmpty() && reconnected.isEmpty();
  }
}
