package dev.edgewise.runtime.oip;

/** A request the server answers with a given HTTP status and a message that names the problem. */
public class OipException extends RuntimeException {

  private final int status;
  private final Integer retryAfterSeconds;

  /** Creates an exception answering {@code status} with {@code message}. */
  public OipException(int status, String message) {
    this(status, message, null);
  }

  /** Creates an exception answering {@code status}, with a {@code Retry-After} when given. */
  public OipException(int status, String message, Integer retryAfterSeconds) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** A 400 answer. */
  public static OipException badRequest(String message) {
    return new OipException(400, message);
  }

  /** A 404 answer. */
  public static OipException notFound(String message) {
    return new OipException(404, message);
  }

  /** The HTTP status to answer with. */
  public int status() {
    return status;
  }

  /** Seconds for the {@code Retry-After} header, or null. */
  public Integer retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
