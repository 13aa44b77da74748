package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import java.util.Map;

/**
 * What the rollout planner decided.
 *
 * @param artifactByNode the artifact each placement's runtime should serve
 * @param stable the artifact every placement runs once nothing is rolling out
 * @param rollout the rollout status to write (null when no rollout is in progress or remembered)
 * @param outcome where the rollout stands
 * @param message one line for the RolledOut condition
 */
public record RolloutDecision(
    Map<String, ArtifactStatus> artifactByNode,
    ArtifactStatus stable,
    RolloutStatus rollout,
    RolloutOutcome outcome,
    String message) {}
