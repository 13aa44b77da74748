package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * RFC 7386 JSON merge patches: objects merge member by member, {@code null} removes a member, and
 * anything else (lists included) replaces what was there, as the Kubernetes API server does.
 */
public final class JsonMergePatch {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonMergePatch() {}

  /** The document that {@code patch} merged into {@code target} gives. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : NODES.objectNode();
    for (Iterator<String> names = patch.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      JsonNode value = patch.get(name);
      if (value.isNull()) {
        result.remove(name);
      } else {
        result.set(name, apply(result.get(name), value));
      }
    }
    return result;
  }

  /**
   * The RFC 6902 JSON patch that turns {@code current} into what {@code patch} merged into it
   * gives: one {@code add} (which replaces) per top-level member of the result, one {@code remove}
   * per member the merge removed.
   */
  static ArrayNode asJsonPatch(JsonNode current, JsonNode patch) {
    JsonNode merged = apply(current, patch);
    ArrayNode operations = NODES.arrayNode();
    for (Iterator<String> names = current.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!merged.has(name)) {
        operations.addObject().put("op", "remove").put("path", pointer(name));
      }
    }
    for (Iterator<String> names = merged.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      operations
          .addObject()
          .put("op", "add")
          .put("path", pointer(name))
          .set("value", merged.get(name));
    }
    return operations;
  }

  /** The RFC 6901 JSON pointer to a top-level member. */
  private static String pointer(String name) {
    return "/" + name.replace("~", "~0").replace("/", "~1");
  }
}
