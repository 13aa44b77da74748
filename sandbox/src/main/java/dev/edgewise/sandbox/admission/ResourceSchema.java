package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The schema of a whole resource: a CRD version's {@code openAPIV3Schema} with the fields
 * kube-apiserver adds to every root, {@code apiVersion}, {@code kind} and {@code metadata} (an
 * ObjectMeta), so that strict decoding of metadata works like the other fields.
 */
final class ResourceSchema {
  private static final String OBJECT_META =
      """
      type: object
      properties:
        name: {type: string}
        generateName: {type: string}
        namespace: {type: string}
        uid: {type: string}
        resourceVersion: {type: string}
        selfLink: {type: string}
        generation: {type: integer}
        creationTimestamp: {type: string}
        deletionTimestamp: {type: string}
        deletionGracePeriodSeconds: {type: integer}
        labels: {type: object, additionalProperties: {type: string}}
        annotations: {type: object, additionalProperties: {type: string}}
        finalizers: {type: array, items: {type: string}}
        ownerReferences:
          type: array
          items:
            type: object
            required: [apiVersion, kind, name, uid]
            properties:
              apiVersion: {type: string}
              kind: {type: string}
              name: {type: string}
              uid: {type: string}
              controller: {type: boolean}
              blockOwnerDeletion: {type: boolean}
        managedFields:
          type: array
          items: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  private ResourceSchema() {}

  /** A copy of {@code openApiV3Schema} whose root also declares apiVersion, kind and metadata. */
  static ObjectNode of(JsonNode openApiV3Schema) {
    ObjectNode root = openApiV3Schema.deepCopy();
    if (!root.has("type")) {
      root.put("type", "object");
    }
    ObjectNode properties = root.with("properties");
    properties.putObject("apiVersion").put("type", "string");
    properties.putObject("kind").put("type", "string");
    properties.set("metadata", objectMeta());
    return root;
  }

  private static JsonNode objectMeta() {
    try {
      return new YAMLMapper().readTree(OBJECT_META);
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in ObjectMeta schema does not parse", e);
    }
  }
}
