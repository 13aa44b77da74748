package dev.edgewise.sandbox.admission;

/**
 * The kinds of field error kube-apiserver reports ({@code
 * k8s.io/apimachinery/pkg/util/validation/field}), each with the text kubectl shows for it, plus
 * the strict-decoding "unknown field".
 */
public enum ErrorType {
  /** A field the schema does not declare; reported by strict field validation. */
  UNKNOWN_FIELD("Unknown field", false),
  /** A required field is missing. */
  REQUIRED("Required value", true),
  /** A value repeats where values must be unique. */
  DUPLICATE("Duplicate value", false),
  /** A value breaks a constraint (minimum, pattern, CEL rule...). */
  INVALID("Invalid value", false),
  /** A value has the wrong JSON type. */
  TYPE_INVALID("Invalid value", true),
  /** A value is not one of an enum's values. */
  NOT_SUPPORTED("Unsupported value", true),
  /** A field may not be set here. */
  FORBIDDEN("Forbidden", false),
  /** A string is too long. */
  TOO_LONG("Too long", true),
  /** A list or map has too many entries. */
  TOO_MANY("Too many", true);

  private final String text;
  private final boolean blocksRules;

  ErrorType(String text, boolean blocksRules) {
    this.text = text;
    this.blocksRules = blocksRules;
  }

  /** What kubectl prints for this type, such as {@code Invalid value}. */
  public String text() {
    return text;
  }

  /**
   * Whether kube-apiserver skips the CEL rules when this error is present (it does for wrong types,
   * missing required fields, unsupported enum values and exceeded sizes).
   */
  public boolean blocksRules() {
    return blocksRules;
  }
}
