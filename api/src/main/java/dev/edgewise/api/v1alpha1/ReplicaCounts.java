package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Counts of edge runtimes. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class ReplicaCounts {
  @JsonPropertyDescription("Placements wanted.")
  private int desired;

  @JsonPropertyDescription("Runtimes ready.")
  private int ready;

  @JsonPropertyDescription("Runtimes on the wanted model version.")
  private int updated;
}
