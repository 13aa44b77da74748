package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Which nodes belong to a pool and how workloads placed on them behave. */
@Data
public class EdgeNodePoolSpec {
  @Required
  @JsonPropertyDescription(
      "Label selector choosing the pool's nodes. An empty selector ({}) selects every node.")
  private LabelSelector nodeSelector;

  @Default("None")
  @JsonPropertyDescription(
      "Edge framework attaching the nodes: KubeEdge, OpenYurt or None (cloud nodes). Decides the"
          + " tolerations and node affinity of workloads placed in the pool.")
  private EdgePlatform edgePlatform;

  @Default("edgewise.dev/latency-ms")
  @Pattern(Patterns.LABEL_KEY)
  @JsonPropertyDescription(
      "Node label holding the measured round-trip latency in milliseconds from clients to the node.")
  private String latencyLabel;

  @Default("5m")
  @Pattern(Patterns.DURATION)
  @JsonPropertyDescription(
      "How long a NotReady edge node keeps its placements before they are moved (Go duration such"
          + " as 90s, 5m, 1h30m). Edge runtimes keep serving offline meanwhile.")
  private String disconnectGracePeriod;

  @JsonPropertyDescription(
      "Extra tolerations added to workloads placed in this pool, beyond the platform's defaults.")
  private List<Toleration> tolerations = new ArrayList<>();

  @Min(1)
  @JsonPropertyDescription(
      "Most ModelDeployment placements one node of this pool may hold. Unset means no limit.")
  private Integer maxModelsPerNode;
}
