package dev.edgewise.runtime.collaboration;

/** Who answered one row, as written in the response's {@code edgewise.answered_by} parameter. */
public enum RowOutcome {
  /** The edge model was confident. */
  EDGE("edge"),
  /** The row was hard and the cloud's answer is returned. */
  CLOUD("cloud"),
  /** The row was hard, the cloud failed or missed the deadline: the edge answer is returned. */
  FALLBACK("edge-fallback"),
  /** The row was hard but the offload budget was spent: the edge answer is returned. */
  OVER_BUDGET("edge-over-budget");

  private final String label;

  RowOutcome(String label) {
    this.label = label;
  }

  /** The text in the response parameter and the hard-examples file. */
  public String label() {
    return label;
  }
}
