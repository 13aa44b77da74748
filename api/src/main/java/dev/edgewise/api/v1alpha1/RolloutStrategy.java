package dev.edgewise.api.v1alpha1;

/** How a new version replaces the running one. */
public enum RolloutStrategy {
  /** Move a growing percentage of placements to the new version, step by step. */
  Canary,
  /** Replace placements a few at a time until all run the new version. */
  Rolling
}
