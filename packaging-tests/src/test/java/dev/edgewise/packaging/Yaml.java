package dev.edgewise.packaging;

import java.util.List;
import java.util.Map;

/** Small path look-ups in parsed YAML (maps and lists), such as {@code spec.template.spec}. */
final class Yaml {

  private Yaml() {}

  /** The value at a dotted path of map keys, or null when any step is missing. */
  static Object at(Object node, String path) {
    Object current = node;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  static String str(Object node, String path) {
    Object value = at(node, path);
    return value == null ? null : value.toString();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String path) {
    Object value = at(node, path);
    if (!(value instanceof Map)) {
      throw new AssertionError("no map at " + path + " in " + node);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> list(Object node, String path) {
    Object value = at(node, path);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List)) {
      throw new AssertionError("no list at " + path + " in " + node);
    }
    return (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object node, String path) {
    Object value = at(node, path);
    return value == null ? List.of() : (List<String>) value;
  }
}
