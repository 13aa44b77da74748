package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Signature;
import dev.edgewise.runtime.model.TensorSpec;
import java.util.Optional;

/**
 * The largest inference request body a model needs: the JSON of a request of {@code
 * max-rows-per-request} rows, every value at its datatype's longest text plus a separator and a
 * space, plus 64 KiB for names and parameters (a binary request of the same tensors is smaller). A
 * model with a variable dimension other than the batch has no such bound: {@link
 * #UNBOUNDED_DEFAULT} then. {@code edgewise.model.max-request-bytes} overrides either. Pure.
 *
 * @param bytes the limit
 * @param explanation how it was reached, for the 413 message
 */
public record RequestSizeLimit(long bytes, String explanation) {

  /** The limit of a model whose rows have no fixed size. */
  public static final long UNBOUNDED_DEFAULT = 64L << 20;

  /** Room for names, shapes and parameters. */
  public static final long OVERHEAD = 64L << 10;

  /** Largest body read into memory at all (a Java array). */
  public static final long CEILING = Integer.MAX_VALUE - 16;

  /** The limit for {@code signature}. */
  public static RequestSizeLimit of(
      String model, Signature signature, int maxRows, Optional<Long> configured) {
    if (configured.isPresent()) {
      return new RequestSizeLimit(
          Math.min(CEILING, configured.get()),
          "edgewise.model.max-request-bytes (EDGEWISE_MODEL_MAX_REQUEST_BYTES)");
    }
    long perRequest = 0;
    for (TensorSpec t : signature.inputs()) {
      long chars = jsonChars(t) + 2;
      if (t.batched()) {
        long row = t.elementsPerRow();
        if (row < 0) {
          return new RequestSizeLimit(
              UNBOUNDED_DEFAULT,
              "the default for model '"
                  + model
                  + "', whose input '"
                  + t.name()
                  + "' has a variable dimension besides the batch; set"
                  + " edgewise.model.max-request-bytes (EDGEWISE_MODEL_MAX_REQUEST_BYTES)");
        }
        perRequest += maxRows * row * chars;
      } else {
        long n = 1;
        for (long d : t.shape()) {
          if (d < 0) {
            return new RequestSizeLimit(
                UNBOUNDED_DEFAULT,
                "the default for model '"
                    + model
                    + "', whose input '"
                    + t.name()
                    + "' has a variable dimension; set edgewise.model.max-request-bytes"
                    + " (EDGEWISE_MODEL_MAX_REQUEST_BYTES)");
          }
          n *= d;
        }
        perRequest += n * chars;
      }
    }
    long bytes = Math.min(CEILING, OVERHEAD + perRequest);
    return new RequestSizeLimit(
        bytes,
        "the JSON of "
            + maxRows
            + " rows of model '"
            + model
            + "'; raise edgewise.batching.max-rows-per-request"
            + " (EDGEWISE_BATCHING_MAX_ROWS_PER_REQUEST) or set edgewise.model.max-request-bytes");
  }

  /** Longest JSON text of one value of {@code t}'s datatype. */
  static int jsonChars(TensorSpec t) {
    return switch (t.datatype()) {
      case BOOL -> 5;
      case UINT8, INT8 -> 4;
      case INT16 -> 6;
      case INT32 -> 11;
      case INT64 -> 20;
      case FP16, FP32 -> 16;
      case FP64 -> 25;
      case BYTES -> 256;
    };
  }

  /** The 413 message for a body of {@code actual} bytes (or unknown, chunked: -1). */
  public String message(long actual) {
    return (actual < 0 ? "request body" : "request body of " + actual + " bytes")
        + " is larger than the limit of "
        + bytes
        + " bytes ("
        + explanation
        + ")";
  }
}
