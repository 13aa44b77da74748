package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.activeJob;
import static dev.edgewise.operator.deployment.Fixtures.finishedJob;
import static dev.edgewise.operator.deployment.Fixtures.job;
import static dev.edgewise.operator.deployment.Fixtures.pod;
import static dev.edgewise.operator.deployment.Fixtures.terminatedPod;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state of a Job and what its last terminated container said. */
class JobOutcomeTest {
  static final String JOB = "vision-compress-1-2-0";

  @Test
  void aJobWithoutStatusIsPending() {
    JobOutcome outcome = JobOutcome.of(job(JOB).build(), List.of());

    assertThat(outcome).isEqualTo(new JobOutcome(JobOutcome.State.Pending, null, null, null));
  }

  @Test
  void aJobWithNoActivePodIsPending() {
    Job job = job(JOB).withNewStatus().withActive(0).endStatus().build();

    assertThat(JobOutcome.of(job, List.of()).state()).isEqualTo(JobOutcome.State.Pending);
  }

  @Test
  void aJobWithAnActivePodIsRunning() {
    assertThat(JobOutcome.of(activeJob(JOB), List.of()).state())
        .isEqualTo(JobOutcome.State.Running);
  }

  @Test
  void aCompleteJobSucceededWithoutReason() {
    Job job = finishedJob(JOB, "Complete", "CompletionsReached");

    JobOutcome outcome =
        JobOutcome.of(job, List.of(terminatedPod(JOB, "2026-03-01T10:00:00Z", 0, "{}")));

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.Succeeded);
    assertThat(outcome.reason()).isNull();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.terminationMessage()).isEqualTo("{}");
  }

  @Test
  void aFailedJobCarriesTheReasonOfItsFailedCondition() {
    Job job = finishedJob(JOB, "Failed", "BackoffLimitExceeded");

    JobOutcome outcome =
        JobOutcome.of(job, List.of(terminatedPod(JOB, "2026-03-01T10:00:00Z", 3, "refused")));

    assertThat(outcome)
        .isEqualTo(new JobOutcome(JobOutcome.State.Failed, 3, "refused", "BackoffLimitExceeded"));
  }

  @Test
  void aFinishedConditionThatIsNotTrueDoesNotFinishTheJob() {
    Job job =
        job(JOB)
            .withNewStatus()
            .withActive(1)
            .withConditions(
                new JobConditionBuilder()
                    .withType("Failed")
                    .withStatus("False")
                    .withReason("BackoffLimitExceeded")
                    .build())
            .endStatus()
            .build();

    JobOutcome outcome = JobOutcome.of(job, List.of());

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.Running);
    assertThat(outcome.reason()).isNull();
  }

  @Test
  void otherTrueConditionsDoNotFinishTheJob() {
    Job job =
        job(JOB)
            .withNewStatus()
            .withActive(1)
            .withConditions(
                new JobConditionBuilder().withType("Suspended").withStatus("True").build())
            .endStatus()
            .build();

    assertThat(JobOutcome.of(job, List.of()).state()).isEqualTo(JobOutcome.State.Running);
  }

  @Test
  void theLastCreatedPodsTerminatedContainerGivesExitCodeAndMessage() {
    Pod later = terminatedPod(JOB, "2026-03-01T10:05:00Z", 3, "second try");
    Pod earlier = terminatedPod(JOB, "2026-03-01T10:00:00Z", 1, "first try");

    JobOutcome outcome =
        JobOutcome.of(finishedJob(JOB, "Failed", "BackoffLimitExceeded"), List.of(later, earlier));

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.terminationMessage()).isEqualTo("second try");
  }

  @Test
  void aRunningContainerOfANewerPodDoesNotHideTheLastTerminatedOne() {
    Pod terminated = terminatedPod(JOB, "2026-03-01T10:00:00Z", 1, "crashed");
    Pod running =
        pod(
            JOB,
            "2026-03-01T10:05:00Z",
            new ContainerStatusBuilder()
                .withName("main")
                .withNewState()
                .withNewRunning()
                .withStartedAt("2026-03-01T10:05:01Z")
                .endRunning()
                .endState()
                .build());

    JobOutcome outcome = JobOutcome.of(activeJob(JOB), List.of(running, terminated));

    assertThat(outcome.state()).isEqualTo(JobOutcome.State.Running);
    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.terminationMessage()).isEqualTo("crashed");
  }

  @Test
  void podsWithoutContainerStatusesAreIgnored() {
    Pod unscheduled =
        new io.fabric8.kubernetes.api.model.PodBuilder()
            .withNewMetadata()
            .withName("p")
            .withCreationTimestamp("2026-03-01T10:09:00Z")
            .endMetadata()
            .build();

    JobOutcome outcome =
        JobOutcome.of(
            activeJob(JOB),
            List.of(unscheduled, terminatedPod(JOB, "2026-03-01T10:00:00Z", 2, "oom")));

    assertThat(outcome.exitCode()).isEqualTo(2);
  }
}
