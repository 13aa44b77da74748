package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CollaborationSpec;
import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.CompressionSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentSpec;
import dev.edgewise.api.v1alpha1.ModelFormat;
import dev.edgewise.api.v1alpha1.ModelSpec;
import dev.edgewise.api.v1alpha1.PlacementSpec;
import dev.edgewise.api.v1alpha1.TrainingSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.List;
import java.util.Map;

/** A ModelDeployment {@code factory/vision} with training, compression and placement set. */
final class TestModelDeployments {
  static final String SHA = "a".repeat(64);

  private TestModelDeployments() {}

  static ModelDeployment vision() {
    ModelSpec model = new ModelSpec();
    model.setUri("https://models.example/vision.pt");
    model.setFormat(ModelFormat.TorchScript);
    model.setVersion("1.2.0");
    model.setSha256(SHA);

    PlacementSpec placement = new PlacementSpec();
    placement.setPools(List.of("factory"));
    placement.setReplicas(2);
    placement.setResources(
        new ResourceRequirementsBuilder()
            .withRequests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("256Mi")))
            .withLimits(Map.of("memory", new Quantity("512Mi")))
            .build());

    TrainingSpec training = new TrainingSpec();
    training.setImage("registry.example/trainer:3");
    training.setCommand(List.of("python", "train.py"));
    training.setArgs(List.of("--epochs", "5"));
    training.setGpus(2);
    training.setOutputUri("pvc://models/vision/1.2.0/model.pt");
    training.setBackoffLimit(4);
    training.setActiveDeadlineSeconds(7200L);

    CompressionSpec compression = new CompressionSpec();
    compression.setMethod(CompressionMethod.PruneInt8);
    compression.setSparsity(0.5);
    compression.setMaxAccuracyDrop(0.8);
    compression.setEvaluationDataUri("pvc://datasets/vision/eval.csv");

    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setPlacement(placement);
    spec.setTraining(training);
    spec.setCompression(compression);

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

  /** {@link #vision()} in JointInference mode: threshold 0.7, 2 cloud replicas, 300 ms. */
  static ModelDeployment jointVision() {
    ModelDeployment md = vision();
    CollaborationSpec collaboration = new CollaborationSpec();
    collaboration.setMode(CollaborationMode.JointInference);
    collaboration.setConfidenceThreshold(0.7);
    collaboration.setCloudReplicas(2);
    collaboration.setCloudDeadlineMs(300);
    collaboration.setCaptureHardExamples(false);
    md.getSpec().setCollaboration(collaboration);
    return md;
  }
}
