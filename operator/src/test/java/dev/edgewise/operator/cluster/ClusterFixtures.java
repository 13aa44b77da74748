package dev.edgewise.operator.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/** Nodes as the API server holds them, for the tests of whatever reads the node informers. */
public final class ClusterFixtures {
  private ClusterFixtures() {}

  /** A Ready node with 4 CPUs, 8 GiB and these labels. */
  public static Node readyNode(String name, Map<String, String> labels) {
    return node(name, labels, "True").build();
  }

  /**
   * A node with 4 CPUs, 8 GiB and these labels, whose Ready condition has status {@code ready}
   * since 2026-01-01T10:00:00Z; a builder, for tests that add to it.
   */
  public static NodeBuilder node(String name, Map<String, String> labels, String ready) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewStatus()
        .addNewCondition()
        .withType("Ready")
        .withStatus(ready)
        .withLastTransitionTime("2026-01-01T10:00:00Z")
        .endCondition()
        .addToAllocatable("cpu", new Quantity("4"))
        .addToAllocatable("memory", new Quantity("8Gi"))
        .endStatus();
  }
}
