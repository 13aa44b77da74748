package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** The artifact the edge runtimes serve (after compression, when there is any). */
@Data
public class ArtifactStatus {
  @JsonPropertyDescription("Model version.")
  private String version;

  @JsonPropertyDescription("Artifact location.")
  private String uri;

  @JsonPropertyDescription("SHA-256 of the artifact.")
  private String digest;

  @JsonPropertyDescription("Artifact size in bytes.")
  private Long bytes;

  @JsonPropertyDescription("Size of the uncompressed artifact divided by this artifact's size.")
  private Double compressionRatio;

  @JsonPropertyDescription("Accuracy of the uncompressed model on the evaluation data, in percent.")
  private Double accuracyBefore;

  @JsonPropertyDescription("Accuracy of this artifact on the evaluation data, in percent.")
  private Double accuracy;

  @JsonPropertyDescription("Compression method that produced the artifact.")
  private CompressionMethod compression;
}
