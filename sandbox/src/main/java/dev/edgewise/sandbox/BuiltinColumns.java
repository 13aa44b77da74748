package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import java.util.List;
import java.util.Map;

/** Printer columns for the built-in kinds a person looks at in the sandbox. */
final class BuiltinColumns {
  static final Map<String, List<CustomResourceColumnDefinition>> BY_PLURAL =
      Map.of(
          "nodes",
          List.of(
              column("Status", ".status.conditions[?(@.type==\"Ready\")].status", "string"),
              column("Latency-ms", ".metadata.labels['edgewise.dev/latency-ms']", "string"),
              column("Zone", ".metadata.labels['topology.kubernetes.io/zone']", "string"),
              column("GPU", ".metadata.labels['nvidia.com/gpu.product']", "string"),
              column("Age", ".metadata.creationTimestamp", "date")),
          "pods",
          List.of(
              column("Phase", ".status.phase", "string"),
              column("Ready", ".status.conditions[?(@.type==\"Ready\")].status", "string"),
              column("Node", ".spec.nodeName", "string"),
              column("Age", ".metadata.creationTimestamp", "date")),
          "deployments",
          List.of(
              column("Ready", ".status.readyReplicas", "integer"),
              column("Desired", ".spec.replicas", "integer"),
              column("Version", ".metadata.labels['edgewise.dev/model-version']", "string"),
              column("Node", ".metadata.labels['edgewise.dev/node']", "string"),
              column("Age", ".metadata.creationTimestamp", "date")),
          "events",
          List.of(
              column("Last Seen", ".lastTimestamp", "date"),
              column("Type", ".type", "string"),
              column("Reason", ".reason", "string"),
              column("Kind", ".involvedObject.kind", "string"),
              column("Object", ".involvedObject.name", "string"),
              column("Message", ".message", "string")),
          "jobs",
          List.of(
              column("Succeeded", ".status.succeeded", "integer"),
              column("Failed", ".status.failed", "integer"),
              column("Age", ".metadata.creationTimestamp", "date")));

  private BuiltinColumns() {}

  private static CustomResourceColumnDefinition column(String name, String path, String type) {
    return new CustomResourceColumnDefinitionBuilder()
        .withName(name)
        .withJsonPath(path)
        .withType(type)
        .withPriority(0)
        .build();
  }
}
