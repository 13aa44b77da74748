package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** The full model served in the cloud for joint inference, as edge runtimes reach it. */
@Data
public class CloudRuntimeStatus {
  @JsonPropertyDescription(
      "URL the edge runtimes send low-confidence requests to: the cloud runtime's Service.")
  private String endpoint;

  @JsonPropertyDescription("Artifact the cloud runtime serves.")
  private String modelUri;

  @JsonPropertyDescription("Cloud runtime replicas wanted (spec.collaboration.cloudReplicas).")
  private Integer replicas;

  @JsonPropertyDescription(
      "Cloud runtime replicas ready; at 0 the edge runtimes answer alone (Degraded).")
  private Integer readyReplicas;
}
