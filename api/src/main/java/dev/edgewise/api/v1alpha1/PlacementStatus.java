package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** One edge runtime placement: which node, why there, and what it runs. */
@Data
public class PlacementStatus {
  @JsonPropertyDescription("EdgeNodePool the node belongs to.")
  private String pool;

  @JsonPropertyDescription("Node name.")
  private String node;

  @JsonPropertyDescription("Latency label of the node in milliseconds.")
  private Double latencyMs;

  @JsonPropertyDescription("Planner score; higher is better.")
  private Double score;

  @JsonPropertyDescription("Model version the runtime on this node serves.")
  private String modelVersion;

  @JsonPropertyDescription("The runtime on this node is ready.")
  private boolean ready;

  @JsonPropertyDescription("The node is NotReady but within its pool's disconnect grace period.")
  private boolean disconnected;

  @JsonPropertyDescription("When this placement was made (RFC 3339).")
  private String since;
}
