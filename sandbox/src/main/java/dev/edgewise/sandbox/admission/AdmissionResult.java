package dev.edgewise.sandbox.admission;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What kube-apiserver would answer to a create or update: allowed with the object as it would be
 * stored (defaults applied), or refused with an HTTP status code, a Status reason, the message
 * kubectl prints after {@code Error from server (...)}, and the field errors.
 *
 * @param allowed whether the resource is accepted
 * @param code 200, 400 (the body cannot be decoded strictly) or 422 (the object is invalid)
 * @param reason the Status reason: {@code BadRequest} or {@code Invalid}; empty when allowed
 * @param message the Status message; empty when allowed
 * @param errors the field errors; empty when allowed
 * @param object the resource with its schema defaults applied (a copy; the input is untouched)
 */
public record AdmissionResult(
    boolean allowed,
    int code,
    String reason,
    String message,
    List<FieldError> errors,
    JsonNode object) {

  /** Copies the error list. */
  public AdmissionResult {
    errors = List.copyOf(errors);
  }

  /** An accepted resource. */
  static AdmissionResult allow(JsonNode object) {
    return new AdmissionResult(true, 200, "", "", List.of(), object);
  }

  /**
   * A body kube-apiserver cannot decode into the kind: wrong apiVersion or kind, or unknown fields
   * under strict field validation.
   */
  static AdmissionResult badRequest(
      String kind, String version, List<FieldError> errors, JsonNode object) {
    String detail = errors.stream().map(FieldError::toString).collect(Collectors.joining(", "));
    boolean strict = errors.stream().allMatch(e -> e.type() == ErrorType.UNKNOWN_FIELD);
    String message =
        strict
            ? "%s in version \"%s\" cannot be handled as a %s: strict decoding error: %s"
                .formatted(kind, version, kind, detail)
            : detail;
    return new AdmissionResult(false, 400, "BadRequest", message, errors, object);
  }

  /** An object that decodes but fails validation, as {@code <Kind>.<group> "<name>" is invalid}. */
  static AdmissionResult invalid(
      String qualifiedKind, String name, List<FieldError> errors, JsonNode object) {
    String list =
        errors.size() == 1
            ? errors.get(0).toString()
            : errors.stream().map(FieldError::toString).collect(Collectors.joining(", ", "[", "]"));
    String message = "%s %s is invalid: %s".formatted(qualifiedKind, GoValues.quote(name), list);
    return new AdmissionResult(false, 422, "Invalid", message, errors, object);
  }
}
