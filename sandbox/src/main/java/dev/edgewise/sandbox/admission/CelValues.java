package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.cel.common.values.NullValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts a JSON value into what a CEL program sees as {@code self}: objects and maps as {@link
 * Map}, arrays as {@link List}, {@code integer} as {@link Long}, {@code number} as {@link Double}
 * (also when written without a fraction; an {@code integer} written as {@code 2.0} is 2), strings,
 * booleans and CEL's null. The schema decides between int and double, as kube-apiserver's CEL types
 * do.
 */
final class CelValues {
  private CelValues() {}

  static Object of(JsonNode value, JsonNode schema) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return NullValue.NULL_VALUE;
    }
    if (value.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : value.properties()) {
        map.put(field.getKey(), of(field.getValue(), childSchema(schema, field.getKey())));
      }
      return map;
    }
    if (value.isArray()) {
      List<Object> list = new ArrayList<>(value.size());
      JsonNode items = schema.path("items");
      for (JsonNode item : value) {
        list.add(of(item, items));
      }
      return list;
    }
    if (value.isNumber()) {
      boolean number = "number".equals(schema.path("type").asText());
      boolean integral =
          value.isIntegralNumber() || value.asDouble() == Math.rint(value.asDouble());
      return integral && !number ? (Object) value.asLong() : value.asDouble();
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    return value.asText();
  }

  private static JsonNode childSchema(JsonNode schema, String name) {
    JsonNode properties = schema.path("properties");
    if (properties.has(name)) {
      return properties.get(name);
    }
    JsonNode additional = schema.path("additionalProperties");
    return additional.isObject() ? additional : MissingNode.getInstance();
  }
}
