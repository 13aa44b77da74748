package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Applies a structural schema's {@code default}s in place, as kube-apiserver does when it decodes a
 * custom resource: in every object that is present, a {@code null} in a field that is not {@code
 * nullable} is dropped (or replaced by the field's default), a missing field with a default gets a
 * copy of it, and defaulted values are defaulted in turn.
 */
final class StructuralDefaulter {
  private StructuralDefaulter() {}

  /** Defaults {@code value} in place according to {@code schema}. */
  static void apply(JsonNode value, JsonNode schema) {
    if (value instanceof ObjectNode object) {
      applyToObject(object, schema);
    } else if (value instanceof ArrayNode array && schema.has("items")) {
      for (JsonNode item : array) {
        apply(item, schema.get("items"));
      }
    }
  }

  private static void applyToObject(ObjectNode object, JsonNode schema) {
    JsonNode properties = schema.path("properties");
    for (Map.Entry<String, JsonNode> property : properties.properties()) {
      String name = property.getKey();
      JsonNode propertySchema = property.getValue();
      JsonNode current = object.get(name);
      boolean nullable = propertySchema.path("nullable").asBoolean(false);
      if (current != null && current.isNull() && !nullable) {
        object.remove(name);
        current = null;
      }
      if (current == null && propertySchema.has("default")) {
        object.set(name, propertySchema.get("default").deepCopy());
      }
    }
    JsonNode additional = schema.path("additionalProperties");
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    for (String name : names) {
      JsonNode child = object.get(name);
      if (properties.has(name)) {
        apply(child, properties.get(name));
      } else if (additional.isObject()) {
        apply(child, additional);
      }
    }
  }
}
