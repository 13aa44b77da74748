package dev.edgewise.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a model signature from JSON, the shape OIP model metadata has: {@code {"inputs": [{"name",
 * "datatype", "shape"}], "outputs": [...]}} (an input may add {@code "fill"}, the value of its
 * warm-up tensor). The JSON is a file beside the artifact ({@code <artifact stem>.signature.json},
 * else {@code signature.json} in the artifact's directory) or the value of {@code
 * edgewise.model.signature}, which the operator sets from the ModelDeployment's {@code
 * spec.model.inputs/outputs}.
 */
public final class SignatureJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SignatureJson() {}

  /**
   * Parses {@code json}.
   *
   * @throws IllegalArgumentException naming the field when the JSON is not a valid signature
   */
  public static Signature parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("signature is not valid JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("signature must be a JSON object with inputs and outputs");
    }
    known(root, "signature", List.of("inputs", "outputs"));
    return new Signature(tensors(root, "inputs"), tensors(root, "outputs"));
  }

  /** Refuses fields other than {@code fields}, so a typo shows. */
  private static void known(JsonNode node, String where, List<String> fields) {
    node.fieldNames()
        .forEachRemaining(
            f -> {
              if (!fields.contains(f)) {
                throw new IllegalArgumentException(
                    where + " has unknown field '" + f + "'; known: " + String.join(", ", fields));
              }
            });
  }

  /** The signature file beside {@code artifact}, if there is one. */
  public static Optional<Path> besides(Path artifact) {
    Path dir = artifact.toAbsolutePath().getParent();
    if (dir == null) {
      return Optional.empty();
    }
    String file = artifact.getFileName().toString();
    String stem = file.contains(".") ? file.substring(0, file.lastIndexOf('.')) : file;
    for (Path candidate :
        List.of(dir.resolve(stem + ".signature.json"), dir.resolve("signature.json"))) {
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    if (Files.isDirectory(artifact) && Files.isRegularFile(artifact.resolve("signature.json"))) {
      return Optional.of(artifact.resolve("signature.json"));
    }
    return Optional.empty();
  }

  /** Reads the signature file {@code file}, naming it in any error. */
  public static Signature read(Path file) throws IOException {
    try {
      return parse(Files.readString(file));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<TensorSpec> tensors(JsonNode root, String field) {
    JsonNode list = root.get(field);
    List<TensorSpec> out = new ArrayList<>();
    if (list == null || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException(field + " must be an array of tensors");
    }
    for (int i = 0; i < list.size(); i++) {
      String where = field + "[" + i + "]";
      JsonNode t = list.get(i);
      if (!t.isObject()) {
        throw new IllegalArgumentException(where + " must be an object");
      }
      known(t, where, List.of("name", "datatype", "shape", "fill"));
      String name = text(t, "name", where);
      String type = text(t, "datatype", where);
      Datatype datatype;
      try {
        datatype = Datatype.parse(type);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ".datatype: " + e.getMessage());
      }
      JsonNode shape = t.get("shape");
      if (shape == null || !shape.isArray()) {
        throw new IllegalArgumentException(where + ".shape must be an array of integers");
      }
      long[] dims = new long[shape.size()];
      for (int d = 0; d < dims.length; d++) {
        if (!shape.get(d).canConvertToLong() || !shape.get(d).isIntegralNumber()) {
          throw new IllegalArgumentException(where + ".shape[" + d + "] must be an integer");
        }
        dims[d] = shape.get(d).asLong();
      }
      JsonNode fill = t.get("fill");
      try {
        out.add(
            new TensorSpec(
                name, datatype, dims, fill == null || fill.isNull() ? 0 : fill.asDouble()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage());
      }
    }
    return out;
  }

  private static String text(JsonNode t, String field, String where) {
    JsonNode v = t.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new IllegalArgumentException(where + "." + field + " must be a non-empty string");
    }
    return v.asText();
  }

  /** The JSON of {@code signature}, as {@link #parse} reads it. */
  public static String write(Signature signature) {
    var root = JSON.createObjectNode();
    for (String field : List.of("inputs", "outputs")) {
      var array = root.putArray(field);
      for (TensorSpec t : field.equals("inputs") ? signature.inputs() : signature.outputs()) {
        var node = array.addObject();
        node.put("name", t.name());
        node.put("datatype", t.datatype().name());
        var shape = node.putArray("shape");
        for (long d : t.shape()) {
          shape.add(d);
        }
        if (t.fill() != 0) {
          node.put("fill", t.fill());
        }
      }
    }
    return root.toString();
  }
}
