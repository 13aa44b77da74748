package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates custom resources against one CustomResourceDefinition as kube-apiserver does with
 * strict field validation ({@code kubectl apply}'s default), for a sandbox API server that has no
 * admission of its own:
 *
 * <ol>
 *   <li>{@code apiVersion} and {@code kind} must name a served version of the CRD (else 400);
 *   <li>fields the schema does not declare are refused (400, {@code unknown field
 *       "spec.placement.replicaz"});
 *   <li>schema {@code default}s are applied to the objects present;
 *   <li>{@code metadata} (name a DNS-1123 subdomain, namespace by scope, labels) and the OpenAPI
 *       schema (types, int-or-string, enums, patterns, bounds, required, nullable) are checked;
 *   <li>the {@code x-kubernetes-validations} CEL rules are evaluated on the defaulted object,
 *       unless a type, required, enum or size error came first.
 * </ol>
 *
 * <p>A validator is immutable and thread-safe. A malformed CRD or a CEL rule that does not compile
 * fails construction with an {@link InvalidCrdException}; validation itself never throws for bad
 * input. Not covered: transition rules ({@code oldSelf}), {@code format}, list-type and
 * embedded-resource checks, CEL cost limits, and kube's CEL extension libraries other than strings.
 */
public final class CrdSchemaValidator {
  private final CrdDefinition crd;
  private final Map<String, VersionValidator> versions = new LinkedHashMap<>();

  /** Builds the validator from a parsed CRD; {@code source} names it in error messages. */
  public CrdSchemaValidator(JsonNode crd, String source) {
    this.crd = CrdDefinition.of(crd, source);
    for (CrdDefinition.Version version : this.crd.versions().values()) {
      versions.put(version.name(), new VersionValidator(this.crd, version, source));
    }
  }

  /** Builds the validator from a CRD YAML file. */
  public CrdSchemaValidator(Path crdYaml) {
    this(readSingle(crdYaml), crdYaml.toString());
  }

  /**
   * Builds the validator from a CRD YAML on the classpath, such as {@code
   * crds/modeldeployments.edgewise.dev-v1.yml}.
   */
  public static CrdSchemaValidator fromClasspath(String resource) {
    String name = resource.startsWith("/") ? resource.substring(1) : resource;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = CrdSchemaValidator.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new InvalidCrdException("classpath:" + name + ": no such resource");
      }
      return new CrdSchemaValidator(
          single(YamlDocuments.read(in), "classpath:" + name), "classpath:" + name);
    } catch (IOException e) {
      throw new InvalidCrdException("classpath:" + name + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** The kind this validator admits, such as {@code ModelDeployment}. */
  public String kind() {
    return crd.kind();
  }

  /** The API group, such as {@code edgewise.dev}. */
  public String group() {
    return crd.group();
  }

  /** The plural resource name, such as {@code modeldeployments}. */
  public String plural() {
    return crd.plural();
  }

  /** Whether the kind is namespaced (else cluster-scoped). */
  public boolean namespaced() {
    return crd.namespaced();
  }

  /** The served apiVersions, such as {@code edgewise.dev/v1alpha1}. */
  public Set<String> apiVersions() {
    Set<String> out = new LinkedHashSet<>();
    versions.keySet().forEach(v -> out.add(crd.group() + "/" + v));
    return out;
  }

  /**
   * Whether {@code apiVersion} (such as {@code edgewise.dev/v1alpha1}) has a status subresource, so
   * kube-apiserver would drop {@code status} from a create or a main-resource update.
   */
  public boolean hasStatusSubresource(String apiVersion) {
    String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
    CrdDefinition.Version v = crd.versions().get(version);
    return v != null && v.statusSubresource();
  }

  /** The field errors kube-apiserver would report for {@code resource}; empty when it is valid. */
  public List<FieldError> validate(JsonNode resource) {
    return admit(resource).errors();
  }

  /**
   * What kube-apiserver would answer when {@code resource} is created: allowed with the defaulted
   * object, or refused with status code, message and field errors. {@code resource} is not
   * modified.
   */
  public AdmissionResult admit(JsonNode resource) {
    if (resource == null || !resource.isObject()) {
      return AdmissionResult.badRequest(
          crd.kind(),
          "",
          List.of(FieldError.invalid("", JsonValues.typeName(resource), "must be an object")),
          resource);
    }
    List<FieldError> errors = new ArrayList<>();
    VersionValidator version = versionOf(resource, errors);
    if (version == null) {
      return AdmissionResult.badRequest(crd.kind(), "", errors, resource);
    }
    return version.admit(resource);
  }

  private VersionValidator versionOf(JsonNode resource, List<FieldError> errors) {
    requireText(resource, "apiVersion", errors);
    requireText(resource, "kind", errors);
    if (!errors.isEmpty()) {
      return null;
    }
    String apiVersion = resource.get("apiVersion").asText();
    String kind = resource.get("kind").asText();
    String groupPrefix = crd.group() + "/";
    VersionValidator version =
        apiVersion.startsWith(groupPrefix)
            ? versions.get(apiVersion.substring(groupPrefix.length()))
            : null;
    if (version == null) {
      errors.add(
          FieldError.invalid(
              "apiVersion", apiVersion, "must be one of " + String.join(", ", apiVersions())));
    }
    if (!kind.equals(crd.kind())) {
      errors.add(FieldError.invalid("kind", kind, "must be " + crd.kind()));
    }
    return errors.isEmpty() ? version : null;
  }

  /** Reports {@code field} when it is missing, empty or not a string. */
  private static void requireText(JsonNode resource, String field, List<FieldError> errors) {
    JsonNode value = resource.path(field);
    if (value.isMissingNode()
        || value.isNull()
        || (value.isTextual() && value.asText().isEmpty())) {
      errors.add(FieldError.required(field, ""));
    } else if (!value.isTextual()) {
      String type = JsonValues.typeName(value);
      errors.add(
          new FieldError(
              field,
              ErrorType.TYPE_INVALID,
              type,
              "must be of type string: " + GoValues.quote(type)));
    }
  }

  private static JsonNode readSingle(Path crdYaml) {
    try {
      return single(YamlDocuments.read(crdYaml), crdYaml.toString());
    } catch (IOException e) {
      throw new InvalidCrdException(crdYaml + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static JsonNode single(List<JsonNode> documents, String source) {
    if (documents.size() != 1) {
      throw new InvalidCrdException(
          source + ": expected one YAML document, found " + documents.size());
    }
    return documents.get(0);
  }
}
