package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** A version change in progress, or the last one that failed. */
@Data
public class RolloutStatus {
  @JsonPropertyDescription("The artifact being rolled out.")
  private ArtifactStatus target;

  @JsonPropertyDescription("Index (0-based) of the current step in spec.rollout.steps.")
  private int step;

  @JsonPropertyDescription("Percentage of placements the current step moves to the target.")
  private int percent;

  @JsonPropertyDescription("When the rollout started (RFC 3339).")
  private String startedAt;

  @JsonPropertyDescription(
      "When the current step started (RFC 3339); its deadline counts from here.")
  private String stepStartedAt;

  @JsonPropertyDescription(
      "A version whose rollout failed and was rolled back; it is not retried until the spec changes.")
  private String failedVersion;

  @JsonPropertyDescription("metadata.generation the failed rollout belonged to.")
  private Long failedGeneration;
}
