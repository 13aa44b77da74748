package dev.edgewise.operator.deployment;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a Job stands and what its last finished pod said (exit code and termination message, where
 * the edge-runtime tools write their JSON manifest). Pure: read from the Job and its pods.
 *
 * @param state Pending, Running, Succeeded or Failed
 * @param exitCode exit code of the last terminated container, or null
 * @param terminationMessage termination message of the last terminated container, or null
 * @param reason reason of the Job's Failed condition, or null
 */
public record JobOutcome(State state, Integer exitCode, String terminationMessage, String reason) {

  /** The phases a Job goes through, as Edgewise reports them. */
  public enum State {
    Pending,
    Running,
    Succeeded,
    Failed
  }

  public static JobOutcome of(Job job, List<Pod> pods) {
    Optional<ContainerStateTerminated> last =
        pods.stream()
            .filter(p -> p.getStatus() != null && p.getStatus().getContainerStatuses() != null)
            .sorted(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp()))
            .flatMap(p -> p.getStatus().getContainerStatuses().stream())
            .map(cs -> cs.getState() == null ? null : cs.getState().getTerminated())
            .filter(Objects::nonNull)
            .reduce((first, second) -> second);
    Integer exitCode = last.map(ContainerStateTerminated::getExitCode).orElse(null);
    String message = last.map(ContainerStateTerminated::getMessage).orElse(null);
    Optional<JobCondition> finished = finishedCondition(job);
    if (finished.isPresent()) {
      boolean complete = "Complete".equals(finished.get().getType());
      return new JobOutcome(
          complete ? State.Succeeded : State.Failed,
          exitCode,
          message,
          complete ? null : finished.get().getReason());
    }
    boolean active =
        job.getStatus() != null
            && job.getStatus().getActive() != null
            && job.getStatus().getActive() > 0;
    return new JobOutcome(active ? State.Running : State.Pending, exitCode, message, null);
  }

  private static Optional<JobCondition> finishedCondition(Job job) {
    if (job.getStatus() == null || job.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> "True".equals(c.getStatus()))
        .filter(c -> "Complete".equals(c.getType()) || "Failed".equals(c.getType()))
        .findFirst();
  }
}
