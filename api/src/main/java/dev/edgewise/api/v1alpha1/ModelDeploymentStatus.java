package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** What the operator observed and did for a ModelDeployment. */
@Data
public class ModelDeploymentStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Where the model is on its way to the edge.")
  private Phase phase;

  @JsonPropertyDescription("Ready placements over desired placements, as kubectl shows it.")
  private String ready;

  @JsonPropertyDescription(
      "Ready, Trained, Compressed, Placed, RolledOut and Degraded, with reasons and messages.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The artifact the edge serves.")
  private ArtifactStatus artifact;

  @JsonPropertyDescription("One row per edge placement.")
  private List<PlacementStatus> placements = new ArrayList<>();

  @JsonPropertyDescription("Counts of edge runtimes.")
  private ReplicaCounts replicas;

  @JsonPropertyDescription("The version change in progress, or the last failed one.")
  private RolloutStatus rollout;

  @JsonPropertyDescription("The training Job of the wanted version.")
  private JobStageStatus training;

  @JsonPropertyDescription("The compression Job of the wanted version.")
  private JobStageStatus compression;

  @JsonPropertyDescription(
      "The cloud runtime of joint inference (spec.collaboration.mode JointInference); absent"
          + " otherwise.")
  private CloudRuntimeStatus cloud;
}
