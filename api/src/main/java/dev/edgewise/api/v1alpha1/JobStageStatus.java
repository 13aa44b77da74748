package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** The Job of a training or compression stage. */
@Data
public class JobStageStatus {
  @JsonPropertyDescription("Name of the batch/v1 Job.")
  private String job;

  @JsonPropertyDescription("Node the Job was placed on.")
  private String node;

  @JsonPropertyDescription("Pending, Running, Succeeded or Failed.")
  private String state;

  @JsonPropertyDescription("Model version the Job produces.")
  private String version;

  @JsonPropertyDescription("What happened, in one line.")
  private String message;

  @JsonPropertyDescription(
      "The artifact a succeeded Job produced (for compression, read from its manifest), kept so"
          + " that nothing depends on the finished Job or its pods still existing: clusters"
          + " garbage-collect both.")
  private ArtifactStatus artifact;
}
