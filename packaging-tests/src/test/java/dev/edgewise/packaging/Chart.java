package dev.edgewise.packaging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Edgewise Helm chart as the tests see it: where it is, and its templates rendered by the real
 * Helm engine (helm-java) into parsed Kubernetes objects.
 */
final class Chart {

  static final String RELEASE = "edgewise";
  static final String NAMESPACE = "edgewise-system";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Chart() {}

  /** The project's root folder (set by Surefire), falling back to the parent of this module. */
  static Path root() {
    String root = System.getProperty("edgewise.root");
    return root != null ? Path.of(root) : Path.of("..").toAbsolutePath().normalize();
  }

  /** The chart folder, {@code charts/edgewise}. */
  static Path dir() {
    return root().resolve("charts/edgewise");
  }

  static Helm helm() {
    return new Helm(dir());
  }

  /**
   * Renders the chart with the given values (YAML text, merged over values.yaml), skipping CRDs.
   *
   * @throws IllegalStateException with Helm's message when rendering fails (schema, template)
   */
  static Rendered render(Path workDir, String valuesYaml) {
    return new Rendered(parse(template(workDir, valuesYaml).skipCrds().call()));
  }

  /** What {@code helm show crds} prints: the CRD files the chart ships, one after the other. */
  static String showCrds() {
    String crds = helm().show().crds().call();
    return crds == null ? "" : crds;
  }

  private static TemplateCommand template(Path workDir, String valuesYaml) {
    Path values = workDir.resolve("values-" + System.nanoTime() + ".yaml");
    try {
      Files.writeString(values, valuesYaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return helm()
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion("1.32.0")
        .withValuesFile(values);
  }

  /** Parses a multi-document YAML stream into maps, leaving out empty documents. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String yaml) {
    List<Map<String, Object>> documents = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(yaml)) {
      var values = YAML.readValues(parser, Map.class);
      while (values.hasNext()) {
        Map<String, Object> document = values.next();
        if (document != null && !document.isEmpty()) {
          documents.add(document);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Helm rendered invalid YAML:\n" + yaml, e);
    }
    return documents;
  }

  /** Reads one YAML file of the project. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> readYaml(Path file) {
    try {
      return YAML.readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
