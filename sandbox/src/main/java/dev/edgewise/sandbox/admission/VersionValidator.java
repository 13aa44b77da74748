package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Admission for one served version of a CRD, in kube-apiserver's order: a cluster-scoped object's
 * namespace cleared, strict decoding (unknown fields refuse the request with 400), structural
 * defaulting, metadata and OpenAPI schema validation, then the CEL rules unless a blocking schema
 * error makes them meaningless.
 */
final class VersionValidator {
  private static final String RULES_SKIPPED =
      "some validation rules were not checked because the object was invalid; correct the"
          + " existing errors to complete validation";

  private final CrdDefinition crd;
  private final String version;
  private final JsonNode resourceSchema;
  private final SchemaCheck schemaCheck;
  private final CelRuleEvaluator rules;
  private final ObjectMetaValidator metadata;

  VersionValidator(CrdDefinition crd, CrdDefinition.Version version, String source) {
    this.crd = crd;
    this.version = version.name();
    this.resourceSchema = ResourceSchema.of(version.schema());
    String where = source + " (" + version.name() + ")";
    this.schemaCheck = new SchemaCheck(resourceSchema, where);
    this.rules = new CelRuleEvaluator(new CelRuleCompiler(where).compileAll(resourceSchema));
    this.metadata = new ObjectMetaValidator();
  }

  AdmissionResult admit(JsonNode resource) {
    ObjectNode object = resource.deepCopy();
    if (!crd.namespaced() && object.path("metadata").isObject()) {
      // kube-apiserver clears the namespace of a cluster-scoped object before it validates it.
      ((ObjectNode) object.get("metadata")).remove("namespace");
    }
    StructuralDefaulter.apply(object, resourceSchema);
    List<FieldError> schemaErrors = schemaCheck.check(object);
    List<FieldError> unknown =
        schemaErrors.stream().filter(e -> e.type() == ErrorType.UNKNOWN_FIELD).toList();
    if (!unknown.isEmpty()) {
      return AdmissionResult.badRequest(crd.kind(), version, unknown, object);
    }
    List<FieldError> errors = new ArrayList<>(metadata.validate(object.path("metadata")));
    errors.addAll(schemaErrors);
    if (!rules.isEmpty()) {
      if (errors.stream().anyMatch(e -> e.type().blocksRules())) {
        errors.add(FieldError.invalid("", null, RULES_SKIPPED));
      } else {
        errors.addAll(rules.evaluate(object, resourceSchema));
      }
    }
    if (errors.isEmpty()) {
      return AdmissionResult.allow(object);
    }
    String name = object.path("metadata").path("name").asText("");
    return AdmissionResult.invalid(crd.kind() + "." + crd.group(), name, errors, object);
  }
}
