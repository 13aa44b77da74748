package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.JobStageStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.ModelSpec;
import dev.edgewise.api.v1alpha1.TrainingSpec;
import dev.edgewise.operator.planner.GpuChoice;
import dev.edgewise.operator.planner.GpuNodePicker;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.workload.RuntimeSettings;
import dev.edgewise.operator.workload.TrainingJob;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * The training step: without {@code spec.training} the model URI is the artifact; with it, a Job on
 * a GPU node the {@link GpuNodePicker} chooses trains the wanted version, and its output is the
 * artifact once the Job succeeds. No GPU node fitting means no Job (it would pend forever) and
 * {@code Trained=False NoGpuNodeFits} with the explanation. Decides only; the reconciler creates.
 */
public final class TrainingStage {
  private TrainingStage() {}

  public static StageResult decide(
      ModelDeployment md,
      Observation observed,
      List<NodeView> clusterNodes,
      RuntimeSettings settings,
      StatusDraft status) {
    ModelSpec model = md.getSpec().getModel();
    TrainingSpec training = md.getSpec().getTraining();
    if (training == null) {
      status.removeCondition(Conditions.TRAINED);
      return StageResult.done(artifact(model.getVersion(), model.getUri(), model.getSha256()));
    }
    String jobName = WorkloadNames.trainingJob(md);
    Optional<JobStageStatus> finished =
        FinishedJob.succeeded(md, ModelDeploymentStatus::getTraining, jobName);
    if (finished.isPresent()) {
      status.condition(Conditions.TRAINED, true, "TrainingSucceeded", finished.get().getMessage());
      status.next().setTraining(finished.get());
      return StageResult.done(copy(finished.get().getArtifact()));
    }
    Optional<Job> job = observed.job(jobName);
    if (job.isEmpty()) {
      GpuChoice choice = GpuNodePicker.pick(training, clusterNodes);
      if (!choice.found()) {
        status.condition(Conditions.TRAINED, false, "NoGpuNodeFits", choice.summary());
        status
            .next()
            .setTraining(stage(jobName, null, "Pending", model.getVersion(), choice.summary()));
        return StageResult.blocked();
      }
      String node = choice.nodeName().orElseThrow();
      status.step(Conditions.TRAINED, "TrainingStarted", "training job " + jobName + " on " + node);
      status.next().setTraining(stage(jobName, node, "Pending", model.getVersion(), null));
      return StageResult.start(TrainingJob.build(md, node, settings));
    }
    JobOutcome outcome = JobOutcome.of(job.get(), observed.podsOf(job.get()));
    String node = job.get().getMetadata().getLabels().get("edgewise.dev/node");
    switch (outcome.state()) {
      case Succeeded -> {
        String message = "job " + jobName + " trained version " + model.getVersion();
        status.condition(Conditions.TRAINED, true, "TrainingSucceeded", message);
        JobStageStatus stage =
            stage(jobName, node, FinishedJob.SUCCEEDED, model.getVersion(), message);
        stage.setArtifact(artifact(model.getVersion(), training.getOutputUri(), null));
        status.next().setTraining(stage);
        return StageResult.done(artifact(model.getVersion(), training.getOutputUri(), null));
      }
      case Failed -> {
        String message =
            "job "
                + jobName
                + " failed"
                + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")")
                + "; change spec.model.version or spec.training to retry";
        status.condition(Conditions.TRAINED, false, "TrainingFailed", message);
        status.next().setTraining(stage(jobName, node, "Failed", model.getVersion(), message));
        return StageResult.blocked();
      }
      default -> {
        String message =
            "job " + jobName + " is " + outcome.state().name().toLowerCase() + " on " + node;
        status.step(Conditions.TRAINED, "Training", message);
        status
            .next()
            .setTraining(stage(jobName, node, outcome.state().name(), model.getVersion(), message));
        return StageResult.waiting();
      }
    }
  }

  /** A copy of a remembered artifact, which the later stages may change. */
  static ArtifactStatus copy(ArtifactStatus artifact) {
    ArtifactStatus copy = artifact(artifact.getVersion(), artifact.getUri(), artifact.getDigest());
    copy.setBytes(artifact.getBytes());
    copy.setCompressionRatio(artifact.getCompressionRatio());
    copy.setAccuracyBefore(artifact.getAccuracyBefore());
    copy.setAccuracy(artifact.getAccuracy());
    copy.setCompression(artifact.getCompression());
    return copy;
  }

  static ArtifactStatus artifact(String version, String uri, String digest) {
    ArtifactStatus artifact = new ArtifactStatus();
    artifact.setVersion(version);
    artifact.setUri(uri);
    artifact.setDigest(digest);
    return artifact;
  }

  static JobStageStatus stage(
      String job, String node, String state, String version, String message) {
    JobStageStatus stage = new JobStageStatus();
    stage.setJob(job);
    stage.setNode(node);
    stage.setState(state);
    stage.setVersion(version);
    stage.setMessage(message);
    return stage;
  }
}
