package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.SETTINGS;
import static dev.edgewise.operator.deployment.Fixtures.activeJob;
import static dev.edgewise.operator.deployment.Fixtures.draft;
import static dev.edgewise.operator.deployment.Fixtures.finishedJob;
import static dev.edgewise.operator.deployment.Fixtures.gpuNode;
import static dev.edgewise.operator.deployment.Fixtures.job;
import static dev.edgewise.operator.deployment.Fixtures.observation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.workload.WorkloadLabels;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The training step: model artifact without training, GPU node choice, and the Job's outcome. */
class TrainingStageTest {

  static ModelDeployment trained() {
    ModelDeployment md = Fixtures.vision();
    md.getSpec().setTraining(Fixtures.training());
    return md;
  }

  static Condition trainedCondition(StatusDraft status) {
    return status.build().getConditions().stream()
        .filter(c -> Conditions.TRAINED.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void withoutTrainingTheModelIsTheArtifact() {
    StatusDraft status = draft(Fixtures.vision());

    StageResult result =
        TrainingStage.decide(
            Fixtures.vision(), observation(List.of()), List.of(), SETTINGS, status);

    ArtifactStatus artifact = result.artifact().orElseThrow();
    assertThat(artifact.getVersion()).isEqualTo("1.2.0");
    assertThat(artifact.getUri()).isEqualTo("https://models.example/vision.pt");
    assertThat(artifact.getDigest()).isEqualTo(Fixtures.SHA);
    assertThat(result.jobToCreate()).isEmpty();
    assertThat(result.inFlight()).isFalse();
  }

  @Test
  void withoutTrainingAnOldTrainedConditionIsRemoved() {
    ModelDeployment md = Fixtures.vision();
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(Conditions.TRAINED)
                .withStatus("True")
                .withReason("TrainingSucceeded")
                .build()));
    md.setStatus(previous);
    StatusDraft status = draft(md);

    TrainingStage.decide(md, observation(List.of()), List.of(), SETTINGS, status);

    assertThat(status.build().getConditions()).extracting(Condition::getType).isEmpty();
  }

  @Test
  void withoutAFittingGpuNodeNoJobIsCreatedAndTrainedSaysWhy() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);
    List<NodeView> nodes = List.of(gpuNode("cpu-1", 0), gpuNode("cpu-2", 0));

    StageResult result = TrainingStage.decide(md, observation(List.of()), nodes, SETTINGS, status);

    assertThat(result.jobToCreate()).isEmpty();
    assertThat(result.artifact()).isEmpty();
    assertThat(result.inFlight()).isFalse();
    Condition trained = trainedCondition(status);
    assertThat(trained.getStatus()).isEqualTo("False");
    assertThat(trained.getReason()).isEqualTo("NoGpuNodeFits");
    assertThat(status.events())
        .singleElement()
        .isEqualTo(new StatusDraft.PendingEvent(true, "NoGpuNodeFits", trained.getMessage()));
    assertThat(trained.getMessage()).isEqualTo("0/2 nodes fit: 2 no GPU");
    assertThat(status.next().getTraining().getState()).isEqualTo("Pending");
    assertThat(status.next().getTraining().getNode()).isNull();
  }

  @Test
  void aFittingGpuNodeGetsTheTrainingJob() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);
    List<NodeView> nodes = List.of(gpuNode("cpu-1", 0), gpuNode("gpu-1", 1));

    StageResult result = TrainingStage.decide(md, observation(List.of()), nodes, SETTINGS, status);

    Job job = result.jobToCreate().orElseThrow();
    assertThat(job.getMetadata().getName()).isEqualTo(WorkloadNames.trainingJob(md));
    assertThat(job.getMetadata().getLabels()).containsEntry(WorkloadLabels.NODE, "gpu-1");
    assertThat(result.inFlight()).isTrue();
    assertThat(result.artifact()).isEmpty();
    Condition trained = trainedCondition(status);
    assertThat(trained.getStatus()).isEqualTo("False");
    assertThat(trained.getReason()).isEqualTo("TrainingStarted");
    assertThat(status.events())
        .singleElement()
        .isEqualTo(new StatusDraft.PendingEvent(false, "TrainingStarted", trained.getMessage()));
    assertThat(trained.getMessage())
        .isEqualTo("training job " + WorkloadNames.trainingJob(md) + " on gpu-1");
    assertThat(status.next().getTraining().getNode()).isEqualTo("gpu-1");
  }

  @Test
  void anExistingJobIsNotCreatedAgainEvenWithoutGpuNodes() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);

    StageResult result =
        TrainingStage.decide(
            md,
            observation(List.of(activeJob(WorkloadNames.trainingJob(md)))),
            List.of(),
            SETTINGS,
            status);

    assertThat(result.jobToCreate()).isEmpty();
    assertThat(result.inFlight()).isTrue();
    Condition trained = trainedCondition(status);
    assertThat(trained.getReason()).isEqualTo("Training");
    assertThat(trained.getMessage())
        .isEqualTo("job " + WorkloadNames.trainingJob(md) + " is running on gpu-1");
    assertThat(status.next().getTraining().getState()).isEqualTo("Running");
  }

  @Test
  void aPendingJobIsWaitedFor() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);

    StageResult result =
        TrainingStage.decide(
            md,
            observation(List.of(job(WorkloadNames.trainingJob(md)).build())),
            List.of(),
            SETTINGS,
            status);

    assertThat(result.inFlight()).isTrue();
    assertThat(trainedCondition(status).getMessage()).contains("is pending");
  }

  @Test
  void aSucceededJobIsNotStartedAgainOnceTheClusterDeletedIt() {
    ModelDeployment md = trained();
    StatusDraft first = draft(md);
    Job job = finishedJob(WorkloadNames.trainingJob(md), "Complete", null);
    TrainingStage.decide(md, observation(List.of(job)), List.of(), SETTINGS, first);
    md.setStatus(first.build());
    List<NodeView> nodes = List.of(gpuNode("gpu-1", 1));

    StatusDraft later = draft(md);
    StageResult result = TrainingStage.decide(md, observation(List.of()), nodes, SETTINGS, later);

    assertThat(result.jobToCreate()).isEmpty();
    assertThat(result.artifact().orElseThrow().getUri())
        .isEqualTo("pvc://models/vision/1.2.0/model.pt");
    assertThat(trainedCondition(later).getReason()).isEqualTo("TrainingSucceeded");
  }

  @Test
  void aSucceededJobHandsOnItsOutputUri() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);
    Job job = finishedJob(WorkloadNames.trainingJob(md), "Complete", null);

    StageResult result =
        TrainingStage.decide(md, observation(List.of(job)), List.of(), SETTINGS, status);

    ArtifactStatus artifact = result.artifact().orElseThrow();
    assertThat(artifact.getUri()).isEqualTo("pvc://models/vision/1.2.0/model.pt");
    assertThat(artifact.getVersion()).isEqualTo("1.2.0");
    assertThat(artifact.getDigest()).isNull();
    assertThat(result.inFlight()).isFalse();
    Condition trained = trainedCondition(status);
    assertThat(trained.getStatus()).isEqualTo("True");
    assertThat(trained.getReason()).isEqualTo("TrainingSucceeded");
    assertThat(status.next().getTraining().getState()).isEqualTo("Succeeded");
    assertThat(status.next().getTraining().getNode()).isEqualTo("gpu-1");
  }

  @Test
  void aFailedJobBlocksWithItsReason() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);
    Job job = finishedJob(WorkloadNames.trainingJob(md), "Failed", "DeadlineExceeded");

    StageResult result =
        TrainingStage.decide(md, observation(List.of(job)), List.of(), SETTINGS, status);

    assertThat(result.artifact()).isEmpty();
    assertThat(result.inFlight()).isFalse();
    assertThat(result.jobToCreate()).isEmpty();
    Condition trained = trainedCondition(status);
    assertThat(trained.getStatus()).isEqualTo("False");
    assertThat(trained.getReason()).isEqualTo("TrainingFailed");
    assertThat(trained.getMessage())
        .isEqualTo(
            "job "
                + WorkloadNames.trainingJob(md)
                + " failed (DeadlineExceeded); change spec.model.version or spec.training to"
                + " retry");
    assertThat(status.next().getTraining().getState()).isEqualTo("Failed");
  }

  @Test
  void aJobOfAnotherVersionDoesNotCount() {
    ModelDeployment md = trained();
    StatusDraft status = draft(md);
    Job old = finishedJob("vision-train-1-1-0", "Complete", null);

    StageResult result =
        TrainingStage.decide(
            md, observation(List.of(old)), List.of(gpuNode("gpu-1", 1)), SETTINGS, status);

    assertThat(result.artifact()).isEmpty();
    assertThat(result.jobToCreate()).isPresent();
  }

  @Test
  void changingSpecTrainingAfterAFailureRetriesAsTheMessagePromises() {
    ModelDeployment before = trained();
    Job failedJob =
        new io.fabric8.kubernetes.api.model.batch.v1.JobBuilder(
                dev.edgewise.operator.workload.TrainingJob.build(before, "gpu-1", SETTINGS))
            .withNewStatus()
            .addNewCondition()
            .withType("Failed")
            .withStatus("True")
            .withReason("BackoffLimitExceeded")
            .endCondition()
            .endStatus()
            .build();
    ModelDeployment after = trained();
    after.getSpec().getTraining().setImage("registry.example/trainer:4");
    after.getMetadata().setGeneration(4L);
    StatusDraft status = draft(after);

    StageResult result =
        TrainingStage.decide(
            after, observation(List.of(failedJob)), List.of(gpuNode("gpu-1", 1)), SETTINGS, status);

    assertThat(trainedCondition(status).getReason()).isNotEqualTo("TrainingFailed");
    assertThat(result.inFlight()).isTrue();
  }
}
