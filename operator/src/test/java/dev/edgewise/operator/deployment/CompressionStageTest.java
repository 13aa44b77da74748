package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.SETTINGS;
import static dev.edgewise.operator.deployment.Fixtures.activeJob;
import static dev.edgewise.operator.deployment.Fixtures.compression;
import static dev.edgewise.operator.deployment.Fixtures.draft;
import static dev.edgewise.operator.deployment.Fixtures.finishedJob;
import static dev.edgewise.operator.deployment.Fixtures.observation;
import static dev.edgewise.operator.deployment.Fixtures.terminatedPod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.operator.workload.RuntimeSettings;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The compression step: its Job, the manifest it leaves, and the accuracy gate. */
class CompressionStageTest {
  static final String ACCEPTED =
      "{\"method\":\"Int8\",\"artifact\":\"model.ewz\",\"parentDigest\":\"p\",\"digest\":\"d-int8\","
          + "\"bytesBefore\":672000,\"bytesAfter\":172308,\"ratio\":3.8999,"
          + "\"accuracyBefore\":0.9722,\"accuracyAfter\":0.9694,\"accepted\":true}";
  static final String REFUSED =
      "{\"method\":\"Int8\",\"artifact\":\"model.ewz\",\"digest\":\"d-int8\","
          + "\"bytesBefore\":672000,\"bytesAfter\":172308,\"ratio\":3.8999,"
          + "\"accuracyBefore\":0.9722,\"accuracyAfter\":0.9694,\"accepted\":false}";

  static ModelDeployment compressed(Double maxAccuracyDrop) {
    ModelDeployment md = Fixtures.vision();
    md.getSpec().setCompression(compression(CompressionMethod.Int8, maxAccuracyDrop));
    return md;
  }

  static ArtifactStatus input() {
    return TrainingStage.artifact("1.2.0", "pvc://models/vision/1.2.0/model.pt", null);
  }

  static Condition compressedCondition(StatusDraft status) {
    return status.build().getConditions().stream()
        .filter(c -> Conditions.COMPRESSED.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  static StageResult decide(ModelDeployment md, StatusDraft status, Job job, int exit, String msg) {
    return CompressionStage.decide(
        md,
        input(),
        observation(
            List.of(job),
            terminatedPod(WorkloadNames.compressionJob(md), "2026-03-01T10:00:00Z", exit, msg)),
        SETTINGS,
        status);
  }

  @Test
  void withoutCompressionTheInputIsHandedOnAsIs() {
    ModelDeployment md = Fixtures.vision();
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(Conditions.COMPRESSED)
                .withStatus("False")
                .withReason("AccuracyGateFailed")
                .build()));
    md.setStatus(previous);
    StatusDraft status = draft(md);
    ArtifactStatus input = input();

    StageResult result =
        CompressionStage.decide(md, input, observation(List.of()), SETTINGS, status);

    assertThat(result.artifact()).containsSame(input);
    assertThat(input.getCompression()).isEqualTo(CompressionMethod.None);
    assertThat(result.jobToCreate()).isEmpty();
    assertThat(status.build().getConditions()).isEmpty();
  }

  @Test
  void methodNoneSkipsCompression() {
    ModelDeployment md = Fixtures.vision();
    md.getSpec().setCompression(compression(CompressionMethod.None, null));

    StageResult result =
        CompressionStage.decide(md, input(), observation(List.of()), SETTINGS, draft(md));

    assertThat(result.artifact()).isPresent();
    assertThat(result.jobToCreate()).isEmpty();
  }

  @Test
  void withoutAJobACompressionJobIsStartedOnTheInput() {
    ModelDeployment md = compressed(0.5);
    StatusDraft status = draft(md);

    StageResult result =
        CompressionStage.decide(md, input(), observation(List.of()), SETTINGS, status);

    Job job = result.jobToCreate().orElseThrow();
    assertThat(job.getMetadata().getName()).isEqualTo(WorkloadNames.compressionJob(md));
    assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains("file:///pvc/models/vision/1.2.0/model.pt");
    assertThat(result.inFlight()).isTrue();
    Condition condition = compressedCondition(status);
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("CompressionStarted");
    assertThat(status.events())
        .singleElement()
        .isEqualTo(
            new StatusDraft.PendingEvent(false, "CompressionStarted", condition.getMessage()));
    assertThat(condition.getMessage())
        .isEqualTo(
            "job " + WorkloadNames.compressionJob(md) + " compresses version 1.2.0 with Int8");
  }

  @Test
  void aRunningJobIsWaitedFor() {
    ModelDeployment md = compressed(0.5);
    StatusDraft status = draft(md);

    StageResult result =
        CompressionStage.decide(
            md,
            input(),
            observation(List.of(activeJob(WorkloadNames.compressionJob(md)))),
            SETTINGS,
            status);

    assertThat(result).isEqualTo(StageResult.waiting());
    assertThat(compressedCondition(status).getReason()).isEqualTo("Compressing");
    assertThat(status.events())
        .extracting(StatusDraft.PendingEvent::warning)
        .containsExactly(false);
    assertThat(compressedCondition(status).getMessage())
        .isEqualTo("job " + WorkloadNames.compressionJob(md) + " is running");
    assertThat(status.next().getCompression().getState()).isEqualTo("Running");
  }

  @Test
  void aSucceededJobGivesTheArtifactItsManifestDescribes() {
    ModelDeployment md = compressed(0.5);
    StatusDraft status = draft(md);

    StageResult result =
        decide(
            md,
            status,
            finishedJob(WorkloadNames.compressionJob(md), "Complete", null),
            0,
            ACCEPTED);

    ArtifactStatus artifact = result.artifact().orElseThrow();
    assertThat(artifact.getVersion()).isEqualTo("1.2.0");
    assertThat(artifact.getUri()).isEqualTo("pvc://edgewise-artifacts/vision/1.2.0/model.ewz");
    assertThat(artifact.getDigest()).isEqualTo("d-int8");
    assertThat(artifact.getBytes()).isEqualTo(172308L);
    assertThat(artifact.getCompressionRatio()).isEqualTo(3.9);
    assertThat(artifact.getAccuracyBefore()).isEqualTo(97.22);
    assertThat(artifact.getAccuracy()).isEqualTo(96.94);
    assertThat(artifact.getCompression()).isEqualTo(CompressionMethod.Int8);
    Condition condition = compressedCondition(status);
    assertThat(condition.getStatus()).isEqualTo("True");
    assertThat(condition.getReason()).isEqualTo("Compressed");
    assertThat(condition.getMessage())
        .isEqualTo("Int8: 3.9x smaller (172308 bytes), accuracy 97.22% -> 96.94%");
    assertThat(status.next().getCompression().getState()).isEqualTo("Succeeded");
  }

  @Test
  void aSucceededJobIsRememberedInStatusOnceItsPodsAndTheJobAreGone() {
    ModelDeployment md = compressed(0.5);
    StatusDraft first = draft(md);
    ArtifactStatus produced =
        decide(
                md,
                first,
                finishedJob(WorkloadNames.compressionJob(md), "Complete", null),
                0,
                ACCEPTED)
            .artifact()
            .orElseThrow();
    md.setStatus(first.build());

    StatusDraft later = draft(md);
    StageResult result =
        CompressionStage.decide(md, input(), observation(List.of()), SETTINGS, later);

    assertThat(result.jobToCreate()).isEmpty();
    assertThat(result.artifact()).contains(produced);
    assertThat(compressedCondition(later).getStatus()).isEqualTo("True");
    assertThat(compressedCondition(later).getMessage())
        .isEqualTo("Int8: 3.9x smaller (172308 bytes), accuracy 97.22% -> 96.94%");
    assertThat(later.next().getCompression().getArtifact().getDigest()).isEqualTo("d-int8");
  }

  @Test
  void theArtifactUriNamesTheConfiguredArtifactsClaim() {
    ModelDeployment md = compressed(0.5);
    RuntimeSettings settings =
        new RuntimeSettings("img", "IfNotPresent", new Quantity("1Gi"), "shared-artifacts");

    StageResult result =
        CompressionStage.decide(
            md,
            input(),
            observation(
                List.of(finishedJob(WorkloadNames.compressionJob(md), "Complete", null)),
                terminatedPod(
                    WorkloadNames.compressionJob(md), "2026-03-01T10:00:00Z", 0, ACCEPTED)),
            settings,
            draft(md));

    assertThat(result.artifact().orElseThrow().getUri())
        .isEqualTo("pvc://shared-artifacts/vision/1.2.0/model.ewz");
  }

  @Test
  void aSucceededJobWithoutManifestBlocks() {
    ModelDeployment md = compressed(0.5);
    StatusDraft status = draft(md);

    StageResult result =
        decide(
            md,
            status,
            finishedJob(WorkloadNames.compressionJob(md), "Complete", null),
            0,
            "done, no manifest");

    assertThat(result).isEqualTo(StageResult.blocked());
    assertThat(compressedCondition(status).getReason()).isEqualTo("ManifestMissing");
    assertThat(status.next().getCompression().getState()).isEqualTo("Failed");
  }

  @Test
  void aRefusedArtifactFailsTheAccuracyGateNamingMaxAccuracyDrop() {
    ModelDeployment md = compressed(0.1);
    StatusDraft status = draft(md);

    StageResult result =
        decide(
            md,
            status,
            finishedJob(WorkloadNames.compressionJob(md), "Failed", "BackoffLimitExceeded"),
            CompressionStage.REFUSED_EXIT_CODE,
            REFUSED);

    assertThat(result).isEqualTo(StageResult.blocked());
    Condition condition = compressedCondition(status);
    assertThat(condition.getStatus()).isEqualTo("False");
    assertThat(condition.getReason()).isEqualTo("AccuracyGateFailed");
    assertThat(status.events())
        .singleElement()
        .satisfies(e -> assertThat(e.warning()).as("a refused artifact is a Warning").isTrue());
    assertThat(condition.getMessage())
        .isEqualTo(
            "Int8 artifact of version 1.2.0 lost 0.28 points of accuracy (97.22% -> 96.94%),"
                + " over the 0.10 allowed by spec.compression.maxAccuracyDrop; it is not rolled"
                + " out");
    assertThat(status.next().getCompression().getState()).isEqualTo("Failed");
  }

  @Test
  void aRefusalWithoutManifestStillFailsTheAccuracyGate() {
    ModelDeployment md = compressed(0.1);
    StatusDraft status = draft(md);

    decide(
        md,
        status,
        finishedJob(WorkloadNames.compressionJob(md), "Failed", "BackoffLimitExceeded"),
        3,
        "");

    assertThat(compressedCondition(status).getReason()).isEqualTo("AccuracyGateFailed");
    assertThat(compressedCondition(status).getMessage())
        .isEqualTo(
            "job "
                + WorkloadNames.compressionJob(md)
                + " refused the artifact of version 1.2.0 (accuracy gate)");
  }

  @Test
  void anotherFailureIsACompressionFailureWithReasonAndExitCode() {
    ModelDeployment md = compressed(0.1);
    StatusDraft status = draft(md);

    StageResult result =
        decide(
            md,
            status,
            finishedJob(WorkloadNames.compressionJob(md), "Failed", "BackoffLimitExceeded"),
            137,
            "OOMKilled");

    assertThat(result).isEqualTo(StageResult.blocked());
    assertThat(compressedCondition(status).getReason()).isEqualTo("CompressionFailed");
    assertThat(compressedCondition(status).getMessage())
        .isEqualTo(
            "job "
                + WorkloadNames.compressionJob(md)
                + " failed (BackoffLimitExceeded), exit code 137");
  }

  @Test
  void changingTheMethodAtTheSameVersionStartsANewJobInsteadOfReusingTheOldResult() {
    ModelDeployment before = Fixtures.vision();
    before.getSpec().setCompression(compression(CompressionMethod.Int8, 0.5));
    ModelDeployment md = Fixtures.vision();
    md.getSpec().setCompression(compression(CompressionMethod.PruneInt8, 0.5));
    StatusDraft status = draft(md);

    StageResult result =
        decide(
            md,
            status,
            finishedJob(WorkloadNames.compressionJob(before), "Complete", null),
            0,
            ACCEPTED);

    assertThat(WorkloadNames.compressionJob(md)).isNotEqualTo(WorkloadNames.compressionJob(before));
    assertThat(result.artifact()).isEmpty();
    assertThat(result.jobToCreate())
        .hasValueSatisfying(
            job ->
                assertThat(job.getMetadata().getName())
                    .isEqualTo(WorkloadNames.compressionJob(md)));
  }
}
