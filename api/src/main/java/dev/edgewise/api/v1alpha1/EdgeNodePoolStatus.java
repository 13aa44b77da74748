package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** What the operator observed about a pool's nodes. */
@Data
public class EdgeNodePoolStatus {
  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (the pool has ready nodes and a valid spec) and Degraded (some nodes are NotReady).")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Node counts.")
  private NodeCounts nodes;

  @JsonPropertyDescription("Allocatable and free CPU, memory and GPUs summed over ready nodes.")
  private PoolCapacity capacity;

  @JsonPropertyDescription("Latency over the nodes that carry the latency label.")
  private LatencySummary latency;

  @JsonPropertyDescription("Names of member nodes that are NotReady, oldest first.")
  private List<String> disconnectedNodes = new ArrayList<>();
}
