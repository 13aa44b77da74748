package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * What a pipeline stage (training, compression) decided: the artifact it hands on when it is done,
 * and a Job to create when one has to run first.
 *
 * @param artifact the stage's output, empty while it is not ready (or when it failed)
 * @param jobToCreate a Job to create, empty when none
 * @param inFlight a Job is pending or running
 */
public record StageResult(
    Optional<ArtifactStatus> artifact, Optional<Job> jobToCreate, boolean inFlight) {

  public static StageResult done(ArtifactStatus artifact) {
    return new StageResult(Optional.of(artifact), Optional.empty(), false);
  }

  public static StageResult waiting() {
    return new StageResult(Optional.empty(), Optional.empty(), true);
  }

  public static StageResult start(Job job) {
    return new StageResult(Optional.empty(), Optional.of(job), true);
  }

  public static StageResult blocked() {
    return new StageResult(Optional.empty(), Optional.empty(), false);
  }
}
