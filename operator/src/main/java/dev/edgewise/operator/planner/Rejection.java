package dev.edgewise.operator.planner;

/** The first reason a node cannot take a placement, in the order the planner checks them. */
public enum Rejection {
  NOT_IN_POOL("not in pool"),
  NOT_READY("not ready"),
  DISCONNECTED_PAST_GRACE_PERIOD("disconnected past grace period"),
  UNTOLERATED_TAINT("untolerated taint"),
  NODE_SELECTOR_MISMATCH("node selector mismatch"),
  NO_LATENCY_LABEL("no latency label"),
  OVER_LATENCY_BUDGET("over latency budget"),
  INSUFFICIENT_CPU("insufficient cpu"),
  INSUFFICIENT_MEMORY("insufficient memory"),
  MODEL_LIMIT_REACHED("too many models");

  private final String text;

  Rejection(String text) {
    this.text = text;
  }

  /** The reason in words, such as {@code insufficient memory}. */
  public String text() {
    return text;
  }

  /**
   * The reason in words with the latency budget where it applies: {@code over latency budget 20ms}.
   */
  public String text(Integer maxLatencyMs) {
    return this == OVER_LATENCY_BUDGET && maxLatencyMs != null
        ? text + " " + maxLatencyMs + "ms"
        : text;
  }
}
