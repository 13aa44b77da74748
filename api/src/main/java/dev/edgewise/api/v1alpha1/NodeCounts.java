package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** How many nodes a pool holds and in what state. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class NodeCounts {
  @JsonPropertyDescription("Nodes matching the pool's selector.")
  private int total;

  @JsonPropertyDescription("Member nodes whose Ready condition is True.")
  private int ready;

  @JsonPropertyDescription("Member nodes whose Ready condition is False or Unknown.")
  private int disconnected;
}
