package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Turns a structural {@code openAPIV3Schema} into a JSON Schema (draft 4) that a JSON-schema
 * library checks the way kube-apiserver does:
 *
 * <ul>
 *   <li>an object that declares {@code properties}, or nothing at all, and is not {@code
 *       x-kubernetes-preserve-unknown-fields} gets {@code additionalProperties: false}, so unknown
 *       fields are reported (strict field validation);
 *   <li>{@code x-kubernetes-int-or-string} becomes {@code type: [integer, string]};
 *   <li>{@code nullable: true} adds {@code null} to the type (and to an enum);
 *   <li>value validations are copied; {@code default}, {@code description}, {@code format} and the
 *       {@code x-kubernetes-*} extensions are left out (defaults and CEL rules are handled
 *       elsewhere).
 * </ul>
 */
final class JsonSchemaConverter {
  private static final List<String> COPIED =
      List.of(
          "required",
          "pattern",
          "minimum",
          "maximum",
          "exclusiveMinimum",
          "exclusiveMaximum",
          "multipleOf",
          "minItems",
          "maxItems",
          "uniqueItems",
          "minLength",
          "maxLength",
          "minProperties",
          "maxProperties");
  private static final List<String> JUNCTORS = List.of("allOf", "anyOf", "oneOf");

  private JsonSchemaConverter() {}

  /** The JSON Schema for a whole resource. */
  static ObjectNode convert(JsonNode resourceSchema) {
    ObjectNode converted = convert(resourceSchema, true);
    converted.put("$schema", "http://json-schema.org/draft-04/schema#");
    return converted;
  }

  private static ObjectNode convert(JsonNode schema, boolean structural) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    boolean nullable = schema.path("nullable").asBoolean(false);
    boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
    boolean preserveUnknown = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    String type = schema.path("type").asText("");

    if (intOrString) {
      ArrayNode types = out.putArray("type").add("integer").add("string");
      if (nullable) {
        types.add("null");
      }
    } else if (!type.isEmpty()) {
      if (nullable) {
        out.putArray("type").add(type).add("null");
      } else {
        out.put("type", type);
      }
    }
    if (schema.has("enum")) {
      ArrayNode values = schema.get("enum").deepCopy();
      if (nullable) {
        values.addNull();
      }
      out.set("enum", values);
    }
    for (String keyword : COPIED) {
      if (schema.has(keyword)) {
        out.set(keyword, schema.get(keyword).deepCopy());
      }
    }
    if (schema.has("properties")) {
      ObjectNode properties = out.putObject("properties");
      for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
        properties.set(p.getKey(), convert(p.getValue(), structural));
      }
    }
    if (schema.has("items") && schema.get("items").isObject()) {
      out.set("items", convert(schema.get("items"), structural));
    }
    JsonNode additional = schema.get("additionalProperties");
    if (additional != null && additional.isObject()) {
      out.set("additionalProperties", convert(additional, structural));
    } else if (additional != null && additional.isBoolean()) {
      out.put("additionalProperties", additional.asBoolean());
    } else if (structural
        && !preserveUnknown
        && (type.equals("object") || schema.has("properties"))
        && !schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
      out.put("additionalProperties", false);
    }
    for (String junctor : JUNCTORS) {
      if (schema.has(junctor) && !(intOrString && junctor.equals("anyOf"))) {
        ArrayNode branches = out.putArray(junctor);
        for (JsonNode branch : schema.get(junctor)) {
          branches.add(convert(branch, false));
        }
      }
    }
    if (schema.has("not")) {
      out.set("not", convert(schema.get("not"), false));
    }
    return out;
  }
}
