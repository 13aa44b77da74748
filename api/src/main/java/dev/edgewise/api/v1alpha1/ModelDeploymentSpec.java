package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import lombok.Data;

/** What model to run, how to make it, and where and how to roll it out. */
@Data
public class ModelDeploymentSpec {
  @Required
  @JsonPropertyDescription(
      "The model. Without training, the artifact to serve (after compression, if set); with"
          + " training, the starting point the training Job fine-tunes.")
  private ModelSpec model;

  @JsonPropertyDescription(
      "Optional training or fine-tuning Job, run on a cloud GPU node before anything is served.")
  private TrainingSpec training;

  @JsonPropertyDescription(
      "Optional compression for the edge (quantize, prune), gated on accuracy.")
  private CompressionSpec compression;

  @Required
  @JsonPropertyDescription("Where the edge runtimes run: pools, latency budget, count, resources.")
  private PlacementSpec placement;

  @JsonPropertyDescription("How a new model version replaces the running one.")
  private RolloutSpec rollout;

  @JsonPropertyDescription(
      "Optional edge-cloud collaboration: hand low-confidence cases to the full model in the cloud.")
  private CollaborationSpec collaboration;
}
