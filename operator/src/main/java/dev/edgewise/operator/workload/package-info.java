/**
 * Desired-state builders: pure functions from a ModelDeployment (and the planner's choices) to the
 * Deployments, Service and Jobs the operator applies. No Kubernetes client here.
 */
package dev.edgewise.operator.workload;
