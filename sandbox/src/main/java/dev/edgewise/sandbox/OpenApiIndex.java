package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI v3 documents kubectl reads: for each group-version a create and a patch operation per
 * kind, which tell kubectl that the server validates fields itself (both take {@code
 * fieldValidation}), so kubectl leaves validation to the sandbox's schema admission; and the
 * installed CRDs' schemas in {@code components.schemas}, each with the {@code
 * x-kubernetes-group-version-kind} kubectl finds it by, so that {@code kubectl explain} documents
 * the custom resources as kube-apiserver's documents do.
 */
final class OpenApiIndex {
  private final ObjectMapper mapper;

  /** Group-version to schema name ({@code dev.edgewise.v1alpha1.ModelDeployment}) to schema. */
  private final Map<String, Map<String, ObjectNode>> schemasByGroupVersion =
      new ConcurrentHashMap<>();

  OpenApiIndex(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Publishes the schema of each version of {@code crd}, as kube-apiserver does once it is
   * established.
   */
  void install(CustomResourceDefinition crd) {
    String group = crd.getSpec().getGroup();
    String kind = crd.getSpec().getNames().getKind();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      if (version.getSchema() == null || version.getSchema().getOpenAPIV3Schema() == null) {
        continue;
      }
      ObjectNode schema = mapper.valueToTree(version.getSchema().getOpenAPIV3Schema());
      schema
          .putArray("x-kubernetes-group-version-kind")
          .addObject()
          .put("group", group)
          .put("version", version.getName())
          .put("kind", kind);
      schemasByGroupVersion
          .computeIfAbsent(group + "/" + version.getName(), gv -> new ConcurrentHashMap<>())
          .put(schemaName(group, version.getName(), kind), schema);
    }
  }

  /**
   * The name kube-apiserver gives a CRD's schema: the group's labels reversed, the version, the
   * kind ({@code edgewise.dev}, {@code v1alpha1}, {@code ModelDeployment}: {@code
   * dev.edgewise.v1alpha1.ModelDeployment}).
   */
  static String schemaName(String group, String version, String kind) {
    List<String> labels = new ArrayList<>(List.of(group.split("\\.")));
    Collections.reverse(labels);
    return String.join(".", labels) + "." + version + "." + kind;
  }

  /** {@code /openapi/v3}: where each group-version's document lives. */
  ObjectNode root(List<String> groupVersions) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode paths = root.putObject("paths");
    for (String gv : groupVersions) {
      String key = gv.equals("v1") ? "api/v1" : "apis/" + gv;
      paths.putObject(key).put("serverRelativeURL", "/openapi/v3/" + key);
    }
    return root;
  }

  /** {@code /openapi/v3/apis/<group>/<version>}: a create and a patch operation per kind. */
  ObjectNode groupVersion(String groupVersion, APIResourceList resources) {
    String group = groupVersion.contains("/") ? groupVersion.split("/")[0] : "";
    String version = groupVersion.contains("/") ? groupVersion.split("/")[1] : groupVersion;
    String prefix = groupVersion.equals("v1") ? "/api/v1" : "/apis/" + groupVersion;
    ObjectNode doc = mapper.createObjectNode();
    doc.put("openapi", "3.0.0");
    doc.putObject("info").put("title", "Edgewise sandbox").put("version", groupVersion);
    ObjectNode paths = doc.putObject("paths");
    for (APIResource resource : resources.getResources()) {
      if (resource.getName().contains("/")) {
        continue;
      }
      String collection =
          prefix
              + (Boolean.TRUE.equals(resource.getNamespaced()) ? "/namespaces/{namespace}/" : "/")
              + resource.getName();
      paths.putObject(collection).set("post", operation(group, version, resource.getKind()));
      paths
          .putObject(collection + "/{name}")
          .set("patch", operation(group, version, resource.getKind()));
    }
    ObjectNode schemas = doc.putObject("components").putObject("schemas");
    schemasByGroupVersion.getOrDefault(groupVersion, Map.of()).forEach(schemas::set);
    return doc;
  }

  private ObjectNode operation(String group, String version, String kind) {
    ObjectNode operation = mapper.createObjectNode();
    operation
        .putObject("x-kubernetes-group-version-kind")
        .put("group", group)
        .put("version", version)
        .put("kind", kind);
    operation
        .putArray("parameters")
        .addObject()
        .put("name", "fieldValidation")
        .put("in", "query")
        .putObject("schema")
        .put("type", "string");
    operation.putObject("responses");
    return operation;
  }
}
