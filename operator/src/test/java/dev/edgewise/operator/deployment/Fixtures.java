package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.CompressionSpec;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentSpec;
import dev.edgewise.api.v1alpha1.ModelFormat;
import dev.edgewise.api.v1alpha1.ModelSpec;
import dev.edgewise.api.v1alpha1.PlacementSpec;
import dev.edgewise.api.v1alpha1.TrainingSpec;
import dev.edgewise.operator.cluster.NodesAndPods;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.workload.RuntimeSettings;
import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ModelDeployments, nodes, Jobs and pods for the pure deployment steps. */
final class Fixtures {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String SHA = "a".repeat(64);
  static final RuntimeSettings SETTINGS =
      new RuntimeSettings(
          "ghcr.io/edgewise/edge-runtime:0.1.0", "IfNotPresent", new Quantity("1Gi"), null);

  private Fixtures() {}

  /** {@code factory/vision} version 1.2.0, generation 3, without training or compression. */
  static ModelDeployment vision() {
    ModelSpec model = new ModelSpec();
    model.setUri("https://models.example/vision.pt");
    model.setFormat(ModelFormat.TorchScript);
    model.setVersion("1.2.0");
    model.setSha256(SHA);

    PlacementSpec placement = new PlacementSpec();
    placement.setPools(List.of("factory"));
    placement.setReplicas(2);

    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setPlacement(placement);

    ModelDeployment md = new ModelDeployment();
    md.setMetadata(
        new ObjectMetaBuilder()
            .withName("vision")
            .withNamespace("factory")
            .withUid("0b8f7c1e-uid")
            .withGeneration(3L)
            .build());
    md.setSpec(spec);
    return md;
  }

  static TrainingSpec training() {
    TrainingSpec training = new TrainingSpec();
    training.setImage("registry.example/trainer:3");
    training.setCommand(List.of("python", "train.py"));
    training.setGpus(1);
    training.setOutputUri("pvc://models/vision/1.2.0/model.pt");
    return training;
  }

  static CompressionSpec compression(CompressionMethod method, Double maxAccuracyDrop) {
    CompressionSpec compression = new CompressionSpec();
    compression.setMethod(method);
    compression.setMaxAccuracyDrop(maxAccuracyDrop);
    return compression;
  }

  /** A ready cloud node with the given free and allocatable GPUs. */
  static NodeView gpuNode(String name, long gpus) {
    return new NodeView(
        name,
        Map.of(),
        true,
        null,
        EdgePlatform.None,
        null,
        null,
        8000,
        8000,
        32L << 30,
        32L << 30,
        gpus,
        gpus,
        gpus > 0 ? "NVIDIA-A10" : null,
        gpus > 0 ? 24_000L : null,
        List.of(),
        "amd64",
        Set.of());
  }

  /** A ready 4-core, 8 GiB cloud node of pool {@code edge} with the given latency label. */
  static NodeView edgeNode(String name, double latencyMs) {
    return node(name, latencyMs, true, null);
  }

  /** A node of pool {@code edge} that has been NotReady since the given instant. */
  static NodeView notReadyNode(String name, double latencyMs, Instant since) {
    return node(name, latencyMs, false, since);
  }

  private static NodeView node(String name, double latencyMs, boolean ready, Instant since) {
    return new NodeView(
        name,
        Map.of(),
        ready,
        since,
        EdgePlatform.None,
        latencyMs,
        null,
        4000,
        4000,
        8L << 30,
        8L << 30,
        0,
        0,
        null,
        null,
        List.of(),
        "amd64",
        Set.of("edge"));
  }

  static StatusDraft draft(ModelDeployment md) {
    return new StatusDraft(md, NOW);
  }

  static Observation observation(List<Job> jobs, Pod... pods) {
    return new Observation(
        Map.of(),
        Map.of(),
        List.of(),
        NodesAndPods.of(List.of(), Map.of("gpu-1", Arrays.asList(pods))),
        List.of(),
        List.of(),
        jobs,
        List.of());
  }

  static JobBuilder job(String name) {
    return new JobBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("factory")
        .withLabels(Map.of(WorkloadLabels.NODE, "gpu-1"))
        .endMetadata();
  }

  static Job activeJob(String name) {
    return job(name).withNewStatus().withActive(1).endStatus().build();
  }

  static Job finishedJob(String name, String type, String reason) {
    return job(name)
        .withNewStatus()
        .withActive(0)
        .withConditions(
            new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).build())
        .endStatus()
        .build();
  }

  /** A pod of the Job whose single container terminated with the given code and message. */
  static Pod terminatedPod(String job, String created, int exitCode, String message) {
    return pod(
        job,
        created,
        new ContainerStatusBuilder()
            .withName("main")
            .withNewState()
            .withNewTerminated()
            .withExitCode(exitCode)
            .withMessage(message)
            .endTerminated()
            .endState()
            .build());
  }

  static Pod pod(String job, String created, ContainerStatus... statuses) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(job + "-" + created.hashCode())
        .withNamespace("factory")
        .withCreationTimestamp(created)
        .withLabels(Map.of("job-name", job))
        .endMetadata()
        .withNewStatus()
        .withContainerStatuses(statuses)
        .endStatus()
        .build();
  }
}
