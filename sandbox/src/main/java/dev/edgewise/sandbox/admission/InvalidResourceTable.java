package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgewise.sandbox.JsonMergePatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table of resources Kubernetes must refuse ({@code api/src/test/resources/
 * invalid-resources.yaml}): the sandbox's admission is held to it, and so is kube-apiserver, side
 * by side, so that the sandbox cannot drift from Kubernetes.
 */
public final class InvalidResourceTable {
  /** Where the table lives, relative to the repository root. */
  public static final String PATH = "api/src/test/resources/invalid-resources.yaml";

  private InvalidResourceTable() {}

  /**
   * One invalid resource.
   *
   * @param kind the kind of its base
   * @param what what is wrong with it, in a few words
   * @param resource the base with the case's merge patch applied
   * @param field the field path kube-apiserver names
   * @param message a fragment of kube-apiserver's message
   */
  public record Case(String kind, String what, JsonNode resource, String field, String message) {
    @Override
    public String toString() {
      return kind + ": " + what;
    }
  }

  /** Every case of the table, each with its base under the given name. */
  public static List<Case> read(Path repositoryRoot) throws IOException {
    JsonNode table = YamlDocuments.read(repositoryRoot.resolve(PATH)).get(0);
    List<Case> cases = new ArrayList<>();
    for (JsonNode row : table.path("cases")) {
      String kind = row.path("kind").asText();
      JsonNode base = table.path("bases").path(kind);
      if (base.isMissingNode()) {
        throw new IllegalArgumentException(PATH + ": no base for kind " + kind);
      }
      cases.add(
          new Case(
              kind,
              row.path("what").asText(),
              JsonMergePatch.apply(base, row.path("patch")),
              row.path("field").asText(),
              row.path("message").asText()));
    }
    return cases;
  }

  /** The valid base of a kind. */
  public static JsonNode base(Path repositoryRoot, String kind) throws IOException {
    return YamlDocuments.read(repositoryRoot.resolve(PATH)).get(0).path("bases").path(kind);
  }
}
