package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Admission for a set of CRDs, such as everything in {@code crds/}: picks the validator by the
 * resource's API group and kind. Resources of kinds it has no CRD for (built-in kinds in the
 * sandbox) are allowed unchanged, as the sandbox has nothing to check them against.
 */
public final class CustomResourceAdmission {
  private final Map<String, CrdSchemaValidator> byGroupKind = new LinkedHashMap<>();

  /** Admission for the given validators; two for the same group and kind are refused. */
  public CustomResourceAdmission(Collection<CrdSchemaValidator> validators) {
    for (CrdSchemaValidator validator : validators) {
      String key = validator.group() + "/" + validator.kind();
      if (byGroupKind.putIfAbsent(key, validator) != null) {
        throw new InvalidCrdException("two CRDs define " + key);
      }
    }
  }

  /** Admission for every {@code .yml} or {@code .yaml} CRD file in {@code directory}. */
  public static CustomResourceAdmission fromDirectory(Path directory) {
    try (Stream<Path> files = Files.list(directory)) {
      List<CrdSchemaValidator> validators =
          files
              .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
              .sorted()
              .map(CrdSchemaValidator::new)
              .toList();
      return new CustomResourceAdmission(validators);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list CRDs in " + directory, e);
    }
  }

  /** The validator for an apiVersion and kind, if one of the CRDs defines that kind. */
  public Optional<CrdSchemaValidator> validatorFor(String apiVersion, String kind) {
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    return Optional.ofNullable(byGroupKind.get(group + "/" + kind));
  }

  /**
   * What kube-apiserver would answer for {@code resource}: the matching CRD's verdict, or allowed
   * unchanged when no CRD defines its kind.
   */
  public AdmissionResult admit(JsonNode resource) {
    String apiVersion = resource.path("apiVersion").asText("");
    String kind = resource.path("kind").asText("");
    return validatorFor(apiVersion, kind)
        .map(v -> v.admit(resource))
        .orElseGet(() -> AdmissionResult.allow(resource));
  }
}
