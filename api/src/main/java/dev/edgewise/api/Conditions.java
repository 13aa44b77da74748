package dev.edgewise.api;

/** Condition types and reasons shared by the operator, the samples and the health checks. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String DEGRADED = "Degraded";
  public static final String TRAINED = "Trained";
  public static final String COMPRESSED = "Compressed";
  public static final String PLACED = "Placed";
  public static final String ROLLED_OUT = "RolledOut";

  public static final String TRUE = "True";
  public static final String FALSE = "False";
  public static final String UNKNOWN = "Unknown";

  private Conditions() {}
}
