package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.CompressionSpec;
import dev.edgewise.api.v1alpha1.JobStageStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.operator.workload.CompressCommand;
import dev.edgewise.operator.workload.CompressionJob;
import dev.edgewise.operator.workload.RuntimeSettings;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Locale;
import java.util.Optional;

/**
 * The compression step: a Job on a cloud node runs the edge runtime's {@code compress} command on
 * the trained (or given) artifact; its manifest, read from the pod's termination message, gives the
 * compressed artifact, its size and accuracy. An artifact that loses more accuracy than {@code
 * maxAccuracyDrop} is refused: {@code Compressed=False AccuracyGateFailed} and nothing rolls out.
 */
public final class CompressionStage {
  /** Exit code of the edge runtime's tools when the accuracy gate refuses an artifact. */
  public static final int REFUSED_EXIT_CODE = 3;

  private CompressionStage() {}

  public static StageResult decide(
      ModelDeployment md,
      ArtifactStatus input,
      Observation observed,
      RuntimeSettings settings,
      StatusDraft status) {
    CompressionSpec compression = md.getSpec().getCompression();
    if (compression == null || compression.getMethod() == CompressionMethod.None) {
      status.removeCondition(Conditions.COMPRESSED);
      input.setCompression(CompressionMethod.None);
      return StageResult.done(input);
    }
    String version = input.getVersion();
    String jobName = WorkloadNames.compressionJob(md);
    Optional<JobStageStatus> finished =
        FinishedJob.succeeded(md, ModelDeploymentStatus::getCompression, jobName);
    if (finished.isPresent()) {
      status.condition(Conditions.COMPRESSED, true, "Compressed", finished.get().getMessage());
      status.next().setCompression(finished.get());
      return StageResult.done(TrainingStage.copy(finished.get().getArtifact()));
    }
    Optional<Job> job = observed.job(jobName);
    if (job.isEmpty()) {
      status.step(
          Conditions.COMPRESSED,
          "CompressionStarted",
          "job " + jobName + " compresses version " + version + " with " + compression.getMethod());
      status.next().setCompression(TrainingStage.stage(jobName, null, "Pending", version, null));
      return StageResult.start(CompressionJob.build(md, input.getUri(), settings));
    }
    JobOutcome outcome = JobOutcome.of(job.get(), observed.podsOf(job.get()));
    Optional<CompressionManifest> manifest =
        CompressionManifest.parse(outcome.terminationMessage());
    return switch (outcome.state()) {
      case Succeeded -> succeeded(md, compression, input, jobName, manifest, settings, status);
      case Failed -> failed(compression, jobName, version, outcome, manifest, status);
      default -> {
        String message =
            "job " + jobName + " is " + outcome.state().name().toLowerCase(Locale.ROOT);
        status.step(Conditions.COMPRESSED, "Compressing", message);
        status
            .next()
            .setCompression(
                TrainingStage.stage(jobName, null, outcome.state().name(), version, message));
        yield StageResult.waiting();
      }
    };
  }

  private static StageResult succeeded(
      ModelDeployment md,
      CompressionSpec compression,
      ArtifactStatus input,
      String jobName,
      Optional<CompressionManifest> found,
      RuntimeSettings settings,
      StatusDraft status) {
    String version = input.getVersion();
    if (found.isEmpty() || found.get().artifact() == null) {
      String message =
          "job " + jobName + " succeeded but left no manifest in its termination message";
      status.condition(Conditions.COMPRESSED, false, "ManifestMissing", message);
      status.next().setCompression(TrainingStage.stage(jobName, null, "Failed", version, message));
      return StageResult.blocked();
    }
    CompressionManifest manifest = found.get();
    ArtifactStatus artifact = new ArtifactStatus();
    artifact.setVersion(version);
    artifact.setUri(
        ArtifactLocations.uriOf(settings, CompressCommand.outputPath(md), manifest.artifact()));
    artifact.setDigest(manifest.digest());
    artifact.setBytes(manifest.bytesAfter());
    artifact.setCompressionRatio(round(manifest.ratio()));
    artifact.setAccuracyBefore(round(manifest.accuracyBeforePercent()));
    artifact.setAccuracy(round(manifest.accuracyAfterPercent()));
    artifact.setCompression(compression.getMethod());
    String message =
        String.format(
            Locale.ROOT,
            "%s: %.1fx smaller (%d bytes), accuracy %.2f%% -> %.2f%%",
            compression.getMethod(),
            manifest.ratio(),
            manifest.bytesAfter(),
            manifest.accuracyBeforePercent(),
            manifest.accuracyAfterPercent());
    status.condition(Conditions.COMPRESSED, true, "Compressed", message);
    JobStageStatus stage =
        TrainingStage.stage(jobName, null, FinishedJob.SUCCEEDED, version, message);
    stage.setArtifact(TrainingStage.copy(artifact));
    status.next().setCompression(stage);
    return StageResult.done(artifact);
  }

  private static StageResult failed(
      CompressionSpec compression,
      String jobName,
      String version,
      JobOutcome outcome,
      Optional<CompressionManifest> manifest,
      StatusDraft status) {
    boolean refused =
        manifest.map(m -> Boolean.FALSE.equals(m.accepted())).orElse(false)
            || Integer.valueOf(REFUSED_EXIT_CODE).equals(outcome.exitCode());
    String message;
    String reason;
    if (refused && manifest.isPresent() && manifest.get().dropPoints() != null) {
      reason = "AccuracyGateFailed";
      message =
          String.format(
              Locale.ROOT,
              "%s artifact of version %s lost %.2f points of accuracy (%.2f%% -> %.2f%%), over the"
                  + " %.2f allowed by spec.compression.maxAccuracyDrop; it is not rolled out",
              compression.getMethod(),
              version,
              manifest.get().dropPoints(),
              manifest.get().accuracyBeforePercent(),
              manifest.get().accuracyAfterPercent(),
              compression.getMaxAccuracyDrop() == null ? 1.0 : compression.getMaxAccuracyDrop());
    } else if (refused) {
      reason = "AccuracyGateFailed";
      message =
          "job " + jobName + " refused the artifact of version " + version + " (accuracy gate)";
    } else {
      reason = "CompressionFailed";
      message =
          "job "
              + jobName
              + " failed"
              + (outcome.reason() == null ? "" : " (" + outcome.reason() + ")")
              + (outcome.exitCode() == null ? "" : ", exit code " + outcome.exitCode());
    }
    status.condition(Conditions.COMPRESSED, false, reason, message);
    status.next().setCompression(TrainingStage.stage(jobName, null, "Failed", version, message));
    return StageResult.blocked();
  }

  private static Double round(Double value) {
    return value == null ? null : Math.round(value * 100.0) / 100.0;
  }
}
