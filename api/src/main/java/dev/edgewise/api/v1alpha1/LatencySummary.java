package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Minimum, median and maximum of the latency label over a pool's nodes. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class LatencySummary {
  @JsonPropertyDescription("Lowest latency in milliseconds.")
  private double minMs;

  @JsonPropertyDescription("Median latency in milliseconds.")
  private double medianMs;

  @JsonPropertyDescription("Highest latency in milliseconds.")
  private double maxMs;
}
