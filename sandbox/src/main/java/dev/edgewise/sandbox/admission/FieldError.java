package dev.edgewise.sandbox.admission;

import java.util.Objects;

/**
 * One reason a resource is invalid: the field, the kind of error, the offending value and a detail,
 * rendered by {@link #toString()} as kubectl shows it, for example {@code
 * spec.placement.maxLatencyMs: Invalid value: 0: should be greater than or equal to 1}.
 *
 * @param field the field path such as {@code spec.model.inputs[0].shape}; empty for the whole
 *     object
 * @param type the kind of error
 * @param value the offending value (String, Long, Double, Boolean, null) or {@link #OMITTED}
 * @param detail what is wrong, or empty
 */
public record FieldError(String field, ErrorType type, Object value, String detail) {

  /** Marks an error that shows no value, such as {@code Required value}. */
  public static final Object OMITTED = new Object();

  /** Checks the parts. */
  public FieldError {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    detail = detail == null ? "" : detail;
  }

  /** A field the schema does not declare. */
  public static FieldError unknownField(String field) {
    return new FieldError(field, ErrorType.UNKNOWN_FIELD, OMITTED, "");
  }

  /** A missing required field. */
  public static FieldError required(String field, String detail) {
    return new FieldError(field, ErrorType.REQUIRED, OMITTED, detail);
  }

  /** A value that breaks a constraint. */
  public static FieldError invalid(String field, Object value, String detail) {
    return new FieldError(field, ErrorType.INVALID, value, detail);
  }

  /** A field that may not be set. */
  public static FieldError forbidden(String field, String detail) {
    return new FieldError(field, ErrorType.FORBIDDEN, OMITTED, detail);
  }

  /**
   * The field as a cause of kube-apiserver's Status names it: the path, or {@code <nil>} for the
   * whole object (Go's nil field path).
   */
  public String causeField() {
    return field.isEmpty() ? "<nil>" : field;
  }

  /** The message without the field, such as {@code Invalid value: 0: should be ...}. */
  public String body() {
    if (type == ErrorType.UNKNOWN_FIELD) {
      return "unknown field " + GoValues.quote(field);
    }
    StringBuilder s = new StringBuilder(type.text());
    if (value != OMITTED
        && type != ErrorType.REQUIRED
        && type != ErrorType.FORBIDDEN
        && type != ErrorType.TOO_LONG) {
      s.append(": ").append(GoValues.render(value));
    }
    if (!detail.isEmpty()) {
      s.append(": ").append(detail);
    }
    return s.toString();
  }

  /**
   * As kubectl prints it; an unknown field reads {@code unknown field "spec.x"} as in strict
   * decoding.
   */
  @Override
  public String toString() {
    if (type == ErrorType.UNKNOWN_FIELD) {
      return body();
    }
    return (field.isEmpty() ? "<nil>" : field) + ": " + body();
  }
}
