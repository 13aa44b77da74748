package dev.edgewise.operator.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Admission for the sandbox API server, standing in for kube-apiserver's CRD schema validation:
 * applies schema defaults and rejects resources the schema or its CEL rules do not allow.
 */
public interface AdmissionControl {

  /** Returns the resource with defaults applied, or throws when it is not allowed. */
  JsonNode admit(JsonNode resource) throws Rejected;

  /** A resource the schema rejects, with one message per invalid field. */
  final class Rejected extends Exception {
    private final List<String> fieldErrors;

    public Rejected(String kind, String name, List<String> fieldErrors) {
      super(kind + ".edgewise.dev \"" + name + "\" is invalid: " + String.join(", ", fieldErrors));
      this.fieldErrors = List.copyOf(fieldErrors);
    }

    public List<String> fieldErrors() {
      return fieldErrors;
    }
  }
}
