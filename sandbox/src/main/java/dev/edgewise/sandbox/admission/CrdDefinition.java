package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parts of a CustomResourceDefinition admission needs: group, kind, plural, scope and the
 * {@code openAPIV3Schema} of each served version, plus whether the version has a status
 * subresource.
 *
 * @param group the API group, such as {@code edgewise.dev}
 * @param kind the kind, such as {@code ModelDeployment}
 * @param plural the plural resource name, such as {@code modeldeployments}
 * @param namespaced whether the scope is {@code Namespaced}
 * @param versions the served versions by name
 */
record CrdDefinition(
    String group, String kind, String plural, boolean namespaced, Map<String, Version> versions) {

  /**
   * One served version.
   *
   * @param name the version, such as {@code v1alpha1}
   * @param schema its {@code openAPIV3Schema}
   * @param statusSubresource whether {@code subresources.status} is set
   */
  record Version(String name, JsonNode schema, boolean statusSubresource) {}

  /** Reads the definition out of a parsed CRD, refusing anything that is not a usable CRD. */
  static CrdDefinition of(JsonNode crd, String source) {
    if (crd == null || !crd.isObject()) {
      throw new InvalidCrdException(source + ": not a YAML or JSON object");
    }
    if (!"CustomResourceDefinition".equals(crd.path("kind").asText())
        || !crd.path("apiVersion").asText().startsWith("apiextensions.k8s.io/")) {
      throw new InvalidCrdException(
          source + ": not an apiextensions.k8s.io CustomResourceDefinition");
    }
    JsonNode spec = crd.path("spec");
    String group = text(spec, "group", source);
    String kind = text(spec.path("names"), "kind", source);
    String plural = text(spec.path("names"), "plural", source);
    String scope = text(spec, "scope", source);
    if (!scope.equals("Namespaced") && !scope.equals("Cluster")) {
      throw new InvalidCrdException(source + ": spec.scope must be Namespaced or Cluster");
    }
    Map<String, Version> versions = new LinkedHashMap<>();
    for (JsonNode v : spec.path("versions")) {
      if (!v.path("served").asBoolean(false)) {
        continue;
      }
      String name = text(v, "name", source);
      JsonNode schema = v.path("schema").path("openAPIV3Schema");
      if (!schema.isObject()) {
        throw new InvalidCrdException(
            source + ": version " + name + " has no schema.openAPIV3Schema");
      }
      versions.put(name, new Version(name, schema, v.path("subresources").has("status")));
    }
    if (versions.isEmpty()) {
      throw new InvalidCrdException(source + ": no served version in spec.versions");
    }
    return new CrdDefinition(
        group, kind, plural, scope.equals("Namespaced"), Collections.unmodifiableMap(versions));
  }

  private static String text(JsonNode node, String field, String source) {
    JsonNode value = node.path(field);
    if (!value.isTextual() || value.asText().isEmpty()) {
      throw new InvalidCrdException(source + ": missing " + field + " in the CRD");
    }
    return value.asText();
  }
}
