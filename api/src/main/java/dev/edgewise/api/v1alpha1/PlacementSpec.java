package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lombok.Data;

/** Where edge runtimes go: which pools, under what latency budget, how many, how big. */
@Data
@ValidationRule(
    value = "has(self.replicas) != (has(self.perNode) && self.perNode)",
    message = "set exactly one of replicas and perNode: true",
    fieldPath = ".replicas",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "(has(self.pools) && size(self.pools) > 0) || has(self.poolSelector)",
    message = "name at least one pool in pools, or set poolSelector",
    fieldPath = ".pools",
    reason = "FieldValueRequired")
public class PlacementSpec {
  // A pattern and bounds rather than a CEL rule over every item: kube-apiserver refuses a CEL
  // rule whose estimated cost over an unbounded list of unbounded strings exceeds its budget.
  @JsonPropertyDescription(
      "Names of the EdgeNodePools to place in (lowercase letters, digits, '-' and '.').")
  @Size(max = 64)
  private List<@Pattern(Patterns.DNS_NAME) @Size(max = 253) String> pools = new ArrayList<>();

  @JsonPropertyDescription("Label selector over EdgeNodePools, as an alternative to pools.")
  private LabelSelector poolSelector;

  @Min(1)
  @Max(60000)
  @JsonPropertyDescription(
      "Latency budget: only nodes whose latency label is at most this qualify.")
  private Integer maxLatencyMs;

  @Min(0)
  @Max(10000)
  @JsonPropertyDescription("How many nodes get a runtime. Excludes perNode.")
  private Integer replicas;

  @JsonPropertyDescription("One runtime on every qualifying node. Excludes replicas.")
  private Boolean perNode;

  @JsonPropertyDescription("CPU and memory requests and limits of each edge runtime.")
  private ResourceRequirements resources;

  @Pattern(Patterns.LABEL_KEY)
  @JsonPropertyDescription(
      "Node label to spread placements over, such as topology.kubernetes.io/zone.")
  private String spreadBy;

  @JsonPropertyDescription(
      "Extra node labels a node must carry, such as kubernetes.io/arch: arm64.")
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @JsonPropertyDescription(
      "Score nodes by an estimated response time (compute plus transfer) instead of latency alone.")
  private ResponseTimeModel responseTimeModel;
}
