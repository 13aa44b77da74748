package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
}
