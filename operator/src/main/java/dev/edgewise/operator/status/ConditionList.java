package dev.edgewise.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Standard Kubernetes conditions, set the way kubectl wait and Argo CD expect: one per type, with
 * {@code lastTransitionTime} kept when the status did not change.
 */
public final class ConditionList {
  private final List<Condition> conditions;
  private final long generation;
  private final Instant now;

  private ConditionList(List<Condition> previous, long generation, Instant now) {
    this.conditions = new ArrayList<>();
    if (previous != null) {
      previous.forEach(c -> this.conditions.add(new ConditionBuilder(c).build()));
    }
    this.generation = generation;
    this.now = now.truncatedTo(ChronoUnit.SECONDS);
  }

  /** Starts from the conditions already in status. */
  public static ConditionList from(List<Condition> previous, long generation, Instant now) {
    return new ConditionList(previous, generation, now);
  }

  public ConditionList set(String type, boolean status, String reason, String message) {
    return set(type, status ? "True" : "False", reason, message);
  }

  /** Sets a condition; keeps its transition time when the status is unchanged. */
  public ConditionList set(String type, String status, String reason, String message) {
    Optional<Condition> existing = get(type);
    String transition =
        existing
            .filter(c -> Objects.equals(c.getStatus(), status))
            .map(Condition::getLastTransitionTime)
            .orElse(now.toString());
    conditions.removeIf(c -> type.equals(c.getType()));
    conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(status)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(generation)
            .withLastTransitionTime(transition)
            .build());
    return this;
  }

  /** Drops a condition that no longer applies. */
  public ConditionList remove(String type) {
    conditions.removeIf(c -> type.equals(c.getType()));
    return this;
  }

  public Optional<Condition> get(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public boolean isTrue(String type) {
    return get(type).map(c -> "True".equals(c.getStatus())).orElse(false);
  }

  /** The conditions in a stable order (by type), ready for status. */
  public List<Condition> toList() {
    List<Condition> sorted = new ArrayList<>(conditions);
    sorted.sort((a, b) -> a.getType().compareTo(b.getType()));
    return sorted;
  }
}
