package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgewise.sandbox.JsonMergePatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

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
    return JsonMergePatch.apply(base, patch);
  }
}
