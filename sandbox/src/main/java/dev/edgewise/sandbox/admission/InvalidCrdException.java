package dev.edgewise.sandbox.admission;

/**
 * A CRD the validator cannot be built from: unreadable, not a CustomResourceDefinition, without a
 * schema, or with a CEL rule that does not compile. Thrown at construction, never while validating.
 */
public class InvalidCrdException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A problem found in the CRD itself. */
  public InvalidCrdException(String message) {
    super(message);
  }

  /** A problem reading or parsing the CRD. */
  public InvalidCrdException(String message, Throwable cause) {
    super(message, cause);
  }
}
