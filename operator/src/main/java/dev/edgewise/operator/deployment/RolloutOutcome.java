package dev.edgewise.operator.deployment;

/** Where a version change stands after one decision. */
public enum RolloutOutcome {
  /** Every placement runs the wanted version, or there is nothing to roll out yet. */
  STEADY,
  /** A step is waiting for its runtimes to become ready. */
  PROGRESSING,
  /** A step is ready and waits for promotion (autoPromote is false). */
  PAUSED,
  /** The last step is ready: the target becomes the stable artifact. */
  COMPLETED,
  /** A step missed its deadline and the placements went back to the stable version. */
  ROLLED_BACK,
  /** A step missed its deadline and rollback is off: the rollout stays where it is. */
  STUCK
}
