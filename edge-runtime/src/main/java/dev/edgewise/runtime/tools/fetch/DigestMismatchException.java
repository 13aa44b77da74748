package dev.edgewise.runtime.tools.fetch;

import java.io.IOException;

/** A downloaded artifact does not have the sha256 it was asked for; it is refused and deleted. */
public class DigestMismatchException extends IOException {

  /** Creates the exception naming the source and both digests. */
  public DigestMismatchException(String source, String expected, String actual) {
    super(
        "sha256 mismatch for "
            + source
            + ": expected "
            + expected
            + ", downloaded "
            + actual
            + "; artifact refused");
  }
}
