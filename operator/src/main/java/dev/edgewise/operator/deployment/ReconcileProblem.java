package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.Phase;

/**
 * A problem the operator understands and reports instead of retrying blindly: it becomes a False
 * condition with a reason and message, a Warning event, and a phase.
 */
public class ReconcileProblem extends Exception {
  private final String conditionType;
  private final String reason;
  private final Phase phase;

  public ReconcileProblem(String conditionType, String reason, Phase phase, String message) {
    super(message);
    this.conditionType = conditionType;
    this.reason = reason;
    this.phase = phase;
  }

  public String conditionType() {
    return conditionType;
  }

  public String reason() {
    return reason;
  }

  public Phase phase() {
    return phase;
  }
}
