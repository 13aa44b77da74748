package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file directly in config/samples is a sample the generated CRDs accept, so that {@code
 * kubectl apply -f config/samples/} applies them all and fails on none (no kustomization file, no
 * other kind).
 */
class SamplesTest {
  private static final Path SAMPLES = Crds.ROOT.resolve("config/samples");

  static Stream<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(SAMPLES)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".yaml"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleIsAccepted(Path sample) throws IOException {
    List<JsonNode> documents = YamlDocuments.read(sample);
    assertThat(documents).as("documents in %s", sample).hasSize(1);
    JsonNode resource = documents.get(0);
    String kind = resource.path("kind").asText();
    String name = resource.path("metadata").path("name").asText();

    AdmissionResult result = Crds.forKind(kind).admit(resource);

    assertThat(result.errors()).as("errors of %s", sample).isEmpty();
    assertThat(result.allowed()).isTrue();
    assertThat(sample.getFileName().toString())
        .isEqualTo("edgewise.dev_v1alpha1_%s_%s.yaml", kind.toLowerCase(), name);
    assertThat(Files.readString(sample)).as("comment header of %s", sample).startsWith("# ");
  }

  @Test
  void samplesCoverEveryKindOfExample() throws IOException {
    assertThat(samples().map(p -> p.getFileName().toString()))
        .contains(
            "edgewise.dev_v1alpha1_edgenodepool_kubeedge-edge.yaml",
            "edgewise.dev_v1alpha1_edgenodepool_openyurt-edge.yaml",
            "edgewise.dev_v1alpha1_edgenodepool_cloud-gpu.yaml",
            "edgewise.dev_v1alpha1_modeldeployment_digits-edge.yaml",
            "edgewise.dev_v1alpha1_modeldeployment_digits-trained.yaml",
            "edgewise.dev_v1alpha1_modeldeployment_digits-joint.yaml");
  }

  /**
   * A sample that pins {@code spec.model.sha256} pins a model file this repository holds, so that
   * serving that file at the sample's URI is all a user has to do.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void pinnedSha256IsOfAModelFileInTheRepository(Path sample) throws IOException {
    JsonNode sha256 = YamlDocuments.read(sample).get(0).path("spec").path("model").path("sha256");
    if (sha256.isMissingNode()) {
      return;
    }
    assertThat(repositoryModelDigests()).as("sha256 of %s", sample).containsKey(sha256.asText());
  }

  /** The SHA-256 of every TorchScript file under edge-runtime/demo, to its path. */
  private static Map<String, Path> repositoryModelDigests() throws IOException {
    Map<String, Path> digests = new HashMap<>();
    try (Stream<Path> files = Files.list(Crds.ROOT.resolve("edge-runtime/demo"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".pt")).toList()) {
        digests.put(sha256(Files.readAllBytes(file)), file);
      }
    }
    return digests;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
