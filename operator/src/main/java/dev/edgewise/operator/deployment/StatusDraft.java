package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.operator.status.ConditionList;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The status a reconciliation is writing: each step sets its conditions and fields here; a
 * condition that changed its status or reason also yields an Event to record: {@code Normal} for a
 * healthy condition or a step under way ({@link #step}), {@code Warning} for a problem.
 */
public final class StatusDraft {
  /** An Event to record once the reconciliation is done. */
  public record PendingEvent(boolean warning, String reason, String message) {}

  private final ModelDeploymentStatus previous;
  private final ModelDeploymentStatus next = new ModelDeploymentStatus();
  private final ConditionList conditions;
  private final List<PendingEvent> events = new ArrayList<>();

  public StatusDraft(ModelDeployment md, Instant now) {
    this.previous = md.getStatus() == null ? new ModelDeploymentStatus() : md.getStatus();
    long generation = Objects.requireNonNullElse(md.getMetadata().getGeneration(), 0L);
    this.conditions = ConditionList.from(previous.getConditions(), generation, now);
    next.setObservedGeneration(generation);
    next.setArtifact(previous.getArtifact());
    next.setRollout(previous.getRollout());
  }

  public ModelDeploymentStatus previous() {
    return previous;
  }

  /** The status under construction, for the steps' own fields. */
  public ModelDeploymentStatus next() {
    return next;
  }

  /**
   * Sets a condition; a change of status or reason is also recorded as an Event, a Warning when the
   * condition is unhealthy (false, or {@code Degraded} true): use it for problems, and {@link
   * #step} for a condition that is false only because the work it waits for is under way.
   */
  public void condition(String type, boolean status, String reason, String message) {
    boolean healthy = Conditions.DEGRADED.equals(type) ? !status : status;
    // A condition that first appears false and healthy (Degraded=False) reports that nothing
    // happened: no Event for it, one when it turns true and one when it recovers.
    EventWhen when = !status && healthy ? EventWhen.CHANGED_AFTER_FIRST : EventWhen.CHANGED;
    set(type, status, reason, message, !healthy, when);
  }

  /**
   * Sets a condition false because a normal step is under way (a Job started or running, a rollout
   * progressing or paused, runtimes starting): its Event, when it changed, is {@code Normal}.
   */
  public void step(String type, String reason, String message) {
    set(type, false, reason, message, false, EventWhen.CHANGED);
  }

  /**
   * Sets a summary condition false while it waits for steps whose own conditions say why (Ready
   * while runtimes start): no Event, since those steps record theirs. One ModelDeployment then
   * records an Event per step it takes rather than one per condition it touches.
   */
  public void waiting(String type, String reason, String message) {
    set(type, false, reason, message, false, EventWhen.NEVER);
  }

  /** When a condition's change is also recorded as an Event. */
  private enum EventWhen {
    CHANGED,
    CHANGED_AFTER_FIRST,
    NEVER
  }

  private void set(
      String type, boolean status, String reason, String message, boolean warning, EventWhen when) {
    Optional<Condition> before =
        previous.getConditions() == null
            ? Optional.empty()
            : previous.getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    String wanted = status ? "True" : "False";
    boolean changed =
        before.isEmpty()
            || !wanted.equals(before.get().getStatus())
            || !Objects.equals(reason, before.get().getReason());
    conditions.set(type, status, reason, message);
    boolean record =
        switch (when) {
          case CHANGED -> changed;
          case CHANGED_AFTER_FIRST -> changed && before.isPresent();
          case NEVER -> false;
        };
    if (record) {
      events.add(new PendingEvent(warning, reason, message));
    }
  }

  /** Keeps the last observed rows and counts when a step stopped before observing again. */
  public void keepObservedRuntimes() {
    next.setPlacements(previous.getPlacements());
    next.setReplicas(previous.getReplicas());
    next.setReady(previous.getReady());
    next.setTraining(previous.getTraining());
    next.setCompression(previous.getCompression());
    next.setCloud(previous.getCloud());
  }

  public void removeCondition(String type) {
    conditions.remove(type);
  }

  public Optional<String> conditionReason(String type) {
    return conditions.get(type).map(Condition::getReason);
  }

  public boolean isTrue(String type) {
    return conditions.isTrue(type);
  }

  public List<PendingEvent> events() {
    return events;
  }

  /** The finished status. */
  public ModelDeploymentStatus build() {
    next.setConditions(conditions.toList());
    return next;
  }
}
