package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import java.util.List;

/**
 * Minimal OpenAPI v3 documents that tell kubectl the server validates fields itself (every create
 * and patch takes {@code fieldValidation}), so kubectl leaves validation to the sandbox's schema
 * admission instead of downloading full schemas.
 */
final class OpenApiIndex {
  private final ObjectMapper mapper;

  OpenApiIndex(ObjectMapper mapper) {
    this.mapper = mapper;
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
    doc.putObject("components").putObject("schemas");
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
