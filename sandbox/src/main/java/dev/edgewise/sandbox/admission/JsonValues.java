package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Names and plain Java values of JSON nodes, for error messages. */
final class JsonValues {
  private JsonValues() {}

  /**
   * A scalar as a Java value (Long, Double, String, Boolean, null); an object or a list as its type
   * name, as kube-apiserver reports composite values.
   */
  static Object scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asLong();
    }
    if (node.isNumber()) {
      return node.asDouble();
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isTextual()) {
      return node.asText();
    }
    return typeName(node);
  }

  /** The OpenAPI type name of a value: object, array, string, integer, number, boolean or null. */
  static String typeName(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "null";
    }
    if (node.isObject()) {
      return "object";
    }
    if (node.isArray()) {
      return "array";
    }
    if (node.isTextual()) {
      return "string";
    }
    if (node.isIntegralNumber()) {
      return "integer";
    }
    if (node.isNumber()) {
      return "number";
    }
    if (node.isBoolean()) {
      return "boolean";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }
}
