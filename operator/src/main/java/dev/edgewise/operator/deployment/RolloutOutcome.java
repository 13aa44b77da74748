package dev.edgewise.operator.deployment;

/** Where a version change stands after one decision. */
public enum RolloutOutcome {
  /** Every placement runs the wanted version, ready, or there is nothing to roll out yet. */
  STEADY,
  /**
   * The wanted version is the stable one (steady or just completed), but some placements do not run
   * it ready yet: disconnected ones (pending until they come back) or runtimes still starting.
   */
  PENDING,
  /** A step is waiting for its runtimes to become ready. */
  PROGRESSING,
  /** A step is ready and waits for promotion (autoPromote is false). */
  PAUSED,
  /**
   * The last step is ready on every placement: the target becomes the stable artifact. (Ready on
   * the connected ones only, the target becomes stable too, but the outcome is {@link #PENDING}.)
   */
  COMPLETED,
  /** A step missed its deadline and the placements went back to the stable version. */
  ROLLED_BACK,
  /** A step missed its deadline and rollback is off: the rollout stays where it is. */
  STUCK
}
