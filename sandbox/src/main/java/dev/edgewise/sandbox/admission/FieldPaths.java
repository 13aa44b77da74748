package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.networknt.schema.JsonNodePath;

/**
 * Field paths as kube-apiserver writes them: in schema errors list items in brackets and map keys
 * as properties ({@code spec.model.inputs[0].shape}, {@code spec.placement.resources.limits.cpu});
 * in CEL rules' {@code fieldPath} map keys in brackets ({@code limits[cpu]}). Also the schema found
 * at a path.
 */
final class FieldPaths {
  private FieldPaths() {}

  /**
   * A path and the schema at its end ({@link MissingNode} once the path leaves the schema).
   *
   * @param path the rendered path, empty for the root
   * @param schema the schema of the value at the path
   */
  record Located(String path, JsonNode schema) {
    /** The path of a named field below this one (a property, or a map key). */
    Located child(String name) {
      JsonNode properties = schema.path("properties");
      if (properties.has(name)) {
        return new Located(property(path, name), properties.get(name));
      }
      JsonNode additional = schema.path("additionalProperties");
      if (additional.isObject()) {
        return new Located(property(path, name), additional);
      }
      return new Located(property(path, name), MissingNode.getInstance());
    }

    /** The path of a list item below this one. */
    Located index(int i) {
      return new Located(path + "[" + i + "]", schema.path("items"));
    }
  }

  /** The located root of a resource. */
  static Located root(JsonNode resourceSchema) {
    return new Located("", resourceSchema);
  }

  /** Follows a JSON-schema library's instance location from the root. */
  static Located locate(JsonNode resourceSchema, JsonNodePath instanceLocation) {
    Located at = root(resourceSchema);
    for (int i = 0; i < instanceLocation.getNameCount(); i++) {
      Object element = instanceLocation.getElement(i);
      at = element instanceof Integer index ? at.index(index) : at.child(String.valueOf(element));
    }
    return at;
  }

  /** {@code parent.name}, or {@code name} at the root. */
  static String property(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /**
   * A CEL rule's {@code fieldPath} (a JSONPath such as {@code .replicas} or {@code .limits['cpu']})
   * appended to the path of the object that carries the rule.
   */
  static String appendJsonPath(String parent, String fieldPath) {
    String rest = fieldPath.trim();
    StringBuilder out = new StringBuilder(parent);
    int i = 0;
    while (i < rest.length()) {
      char c = rest.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        String name = rest.substring(i + 1, end);
        out.replace(0, out.length(), property(out.toString(), name));
        i = end;
      } else if (c == '[') {
        int end = rest.indexOf(']', i);
        if (end < 0) {
          end = rest.length();
        }
        String key = rest.substring(i + 1, end).replaceAll("^'|'$", "");
        out.append('[').append(key).append(']');
        i = end + 1;
      } else {
        int end = i;
        while (end < rest.length() && rest.charAt(end) != '.' && rest.charAt(end) != '[') {
          end++;
        }
        out.replace(0, out.length(), property(out.toString(), rest.substring(i, end)));
        i = end;
      }
    }
    return out.toString();
  }
}
