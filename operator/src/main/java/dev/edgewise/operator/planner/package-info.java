/**
 * The placement planner: pure functions from a ModelDeployment's placement request, the node views
 * and the current placements to a {@link dev.edgewise.operator.planner.PlacementPlan}, and the GPU
 * node picker for training Jobs. Nothing here talks to Kubernetes.
 */
package dev.edgewise.operator.planner;
