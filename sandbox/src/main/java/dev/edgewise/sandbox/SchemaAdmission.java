package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgewise.sandbox.admission.AdmissionResult;
import dev.edgewise.sandbox.admission.CrdSchemaValidator;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.utils.Serialization;

/** Schema admission of one CRD's kind: defaults applied, schema and CEL rules enforced. */
final class SchemaAdmission implements AdmissionControl {
  private final CrdSchemaValidator validator;

  SchemaAdmission(CustomResourceDefinition crd) {
    this.validator =
        new CrdSchemaValidator(
            Serialization.jsonMapper().valueToTree(crd), crd.getMetadata().getName());
  }

  @Override
  public AdmissionResult admit(JsonNode resource) {
    return validator.admit(resource);
  }
}
