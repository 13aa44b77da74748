package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** The generated CRDs of the repository as validators, and YAML helpers for the tests. */
final class Crds {
  /** The repository root, set by surefire. */
  static final Path ROOT = Path.of(System.getProperty("repository.root", "..")).toAbsolutePath();

  static final CrdSchemaValidator MODEL_DEPLOYMENT =
      new CrdSchemaValidator(ROOT.resolve("crds/modeldeployments.edgewise.dev-v1.yml"));
  static final CrdSchemaValidator EDGE_NODE_POOL =
      new CrdSchemaValidator(ROOT.resolve("crds/edgenodepools.edgewise.dev-v1.yml"));

  private Crds() {}

  /** The validator for a resource's kind. */
  static CrdSchemaValidator forKind(String kind) {
    return switch (kind) {
      case "ModelDeployment" -> MODEL_DEPLOYMENT;
      case "EdgeNodePool" -> EDGE_NODE_POOL;
      default -> throw new IllegalArgumentException("no CRD for kind " + kind);
    };
  }

  /** One YAML document. */
  static JsonNode yaml(String text) {
    try {
      List<JsonNode> documents = YamlDocuments.parse(text);
      if (documents.size() != 1) {
        throw new IllegalArgumentException("expected one document in " + text);
      }
      return documents.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code base} with a JSON merge patch (RFC 7386) applied: null removes, objects merge. */
  static JsonNode merge(JsonNode base, JsonNode patch) {
    if (!patch.isObject() || !base.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode out = base.deepCopy();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        out.remove(field.getKey());
      } else if (out.has(field.getKey())) {
        out.set(field.getKey(), merge(out.get(field.getKey()), field.getValue()));
      } else {
        out.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    return out;
  }
}
