package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import lombok.Data;

/**
 * The cloud-edge response-time model: estimated response = model cost / node speed + latency +
 * artifact size / node bandwidth.
 */
@Data
public class ResponseTimeModel {
  @Default("false")
  @JsonPropertyDescription("Use this model to score nodes.")
  private Boolean enabled;

  @Min(0)
  @JsonPropertyDescription("Cost of one inference in millions of floating-point operations.")
  private Double modelCostMflop;

  @Default("edgewise.dev/speed-mflops")
  @JsonPropertyDescription("Node label giving its speed in MFLOP per millisecond.")
  private String speedLabel;

  @Default("edgewise.dev/bandwidth-mbps")
  @JsonPropertyDescription("Node label giving its download bandwidth in megabits per second.")
  private String bandwidthLabel;
}
