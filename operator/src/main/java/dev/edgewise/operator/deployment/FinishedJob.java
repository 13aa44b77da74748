package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.JobStageStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import java.util.Optional;
import java.util.function.Function;

/**
 * What status remembers of a stage's Job that succeeded: its artifact, so that the stage is done
 * even once the cluster has garbage-collected the finished Job's pods (their termination message
 * held the compression manifest) or the Job itself (it would otherwise be started again). Job names
 * are derived from the stage's inputs, so a remembered Job of the same name did the same work.
 */
final class FinishedJob {
  static final String SUCCEEDED = "Succeeded";

  private FinishedJob() {}

  /** The remembered stage of Job {@code jobName}, if status says it succeeded with an artifact. */
  static Optional<JobStageStatus> succeeded(
      ModelDeployment md, Function<ModelDeploymentStatus, JobStageStatus> stage, String jobName) {
    return Optional.ofNullable(md.getStatus())
        .map(stage)
        .filter(s -> jobName.equals(s.getJob()))
        .filter(s -> SUCCEEDED.equals(s.getState()))
        .filter(s -> s.getArtifact() != null);
  }
}
