package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.edgewise.sandbox.admission.AdmissionResult;

/**
 * Admission for the sandbox API server, standing in for kube-apiserver's CRD schema validation:
 * applies schema defaults and rejects resources the schema or its CEL rules do not allow.
 */
@FunctionalInterface
public interface AdmissionControl {

  /** The resource as it would be stored (defaults applied), or why it is refused. */
  AdmissionResult admit(JsonNode resource);
}
