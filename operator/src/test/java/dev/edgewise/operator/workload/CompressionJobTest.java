package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import org.junit.jupiter.api.Test;

/** The compression Job on a cloud node and its command line. */
class CompressionJobTest {
  static final RuntimeSettings SETTINGS =
      new RuntimeSettings(
          "ghcr.io/edgewise/edge-runtime:0.1.0",
          "IfNotPresent",
          new io.fabric8.kubernetes.api.model.Quantity("1Gi"),
          "edgewise-artifacts");

  static Job job() {
    return CompressionJob.build(
        TestModelDeployments.vision(), "pvc://models/vision/1.2.0/model.pt", SETTINGS);
  }

  @Test
  void buildsTheCompressCommandLine() {
    assertThat(job().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly(
            "compress",
            "--in",
            "file:///pvc/models/vision/1.2.0/model.pt",
            "--method",
            "PruneInt8",
            "--sparsity",
            "0.5",
            "--eval-data",
            "file:///pvc/datasets/vision/eval.csv",
            "--max-drop",
            "0.008",
            "--termination-log",
            "/dev/termination-log",
            "--out",
            "/artifacts/vision/1.2.0");
  }

  @Test
  void leavesOutOptionalArgumentsAndKeepsHttpUris() {
    ModelDeployment md = TestModelDeployments.vision();
    md.getSpec().getCompression().setMethod(CompressionMethod.Int8);
    md.getSpec().getCompression().setSparsity(null);
    md.getSpec().getCompression().setMaxAccuracyDrop(null);
    md.getSpec().getCompression().setEvaluationDataUri("https://data.example/eval.csv");

    assertThat(CompressCommand.args(md, "https://models.example/vision.pt"))
        .containsExactly(
            "compress",
            "--in",
            "https://models.example/vision.pt",
            "--method",
            "Int8",
            "--eval-data",
            "https://data.example/eval.csv",
            "--max-drop",
            "0.01",
            "--termination-log",
            "/dev/termination-log",
            "--out",
            "/artifacts/vision/1.2.0");
  }

  @Test
  void runsOnACloudNodeWithTheEdgeRuntimeImage() {
    PodSpec pod = job().getSpec().getTemplate().getSpec();

    assertThat(pod.getContainers().get(0).getImage())
        .isEqualTo("ghcr.io/edgewise/edge-runtime:0.1.0");
    assertThat(
            pod.getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions())
        .extracting(NodeSelectorRequirement::getKey, NodeSelectorRequirement::getOperator)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("node-role.kubernetes.io/edge", "DoesNotExist"),
            org.assertj.core.groups.Tuple.tuple("node-role.kubernetes.io/agent", "DoesNotExist"),
            org.assertj.core.groups.Tuple.tuple("openyurt.io/is-edge-worker", "NotIn"));
    assertThat(pod.getTolerations()).isNullOrEmpty();
  }

  @Test
  void mountsTheArtifactsClaimAndTheInputClaimsReadOnly() {
    PodSpec pod = job().getSpec().getTemplate().getSpec();

    assertThat(pod.getVolumes())
        .filteredOn(volume -> volume.getPersistentVolumeClaim() != null)
        .extracting(
            volume -> volume.getName() + "=" + volume.getPersistentVolumeClaim().getClaimName())
        .containsExactly(
            "artifacts=edgewise-artifacts", "pvc-models=models", "pvc-datasets=datasets");
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .extracting(m -> m.getMountPath() + (Boolean.TRUE.equals(m.getReadOnly()) ? ":ro" : ""))
        .containsExactly("/tmp", "/artifacts", "/pvc/models:ro", "/pvc/datasets:ro");
  }

  @Test
  void isRestrictedLabelledAndOwned() {
    Job job = job();
    PodSpec pod = job.getSpec().getTemplate().getSpec();

    assertThat(job.getMetadata().getName())
        .startsWith("vision-compress-1-2-0-")
        .hasSize("vision-compress-1-2-0-".length() + 6);
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
    assertThat(job.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "edgewise-compression");
    assertThat(job.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ModelDeployment"));
  }
}
