package dev.edgewise.api.v1alpha1;

/** Where a ModelDeployment is on its way from training to the edge. */
public enum Phase {
  Pending,
  Training,
  Compressing,
  Placing,
  RollingOut,
  Ready,
  Degraded,
  Failed
}
