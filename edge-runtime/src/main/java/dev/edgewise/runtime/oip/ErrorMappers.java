package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into the protocol's {@code {"error": "..."}} shape: client mistakes get a 4xx
 * that names the problem; only the server's own failures are 500, and those are logged.
 */
public class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  /** Problems the resource detected itself. */
  @ServerExceptionMapper
  public Response oip(OipException e) {
    Response.ResponseBuilder r = error(e.status(), e.getMessage());
    if (e.retryAfterSeconds() != null) {
      r.header("Retry-After", e.retryAfterSeconds());
    }
    return r.build();
  }

  /** Tensor data that is not numbers. */
  @ServerExceptionMapper
  public Response tensorData(TensorData.TensorFormatException e) {
    return error(400, e.getMessage()).build();
  }

  /** Malformed JSON. */
  @ServerExceptionMapper
  public Response malformed(JsonParseException e) {
    return error(400, "malformed JSON: " + clean(e.getOriginalMessage())).build();
  }

  /** JSON of the wrong shape, e.g. a string where a number array belongs. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    return error(400, describe(e)).build();
  }

  /** JSON with a value of the wrong format. */
  @ServerExceptionMapper
  public Response invalidFormat(InvalidFormatException e) {
    return error(400, describe(e)).build();
  }

  /** Other JSON mapping problems. */
  @ServerExceptionMapper
  public Response mapping(JsonMappingException e) {
    if (e.getCause() instanceof TensorData.TensorFormatException t) {
      return error(400, t.getMessage()).build();
    }
    if (e.getCause() instanceof JsonParseException p) {
      return malformed(p);
    }
    return error(400, describe(e)).build();
  }

  /** Any other JSON problem. */
  @ServerExceptionMapper
  public Response json(JsonProcessingException e) {
    return error(400, "invalid request body: " + e.getOriginalMessage()).build();
  }

  /** Framework answers such as 404 for unknown paths, 405, 406, 415. */
  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status >= 500) {
      LOG.errorf(e, "request failed: %s", e.getMessage());
    }
    Throwable cause = e.getCause();
    if (cause instanceof TensorData.TensorFormatException t) {
      return error(400, t.getMessage()).build();
    }
    if (cause instanceof JsonParseException j) {
      return malformed(j);
    }
    if (cause instanceof JsonMappingException j) {
      return mapping(j);
    }
    if (cause instanceof JsonProcessingException j) {
      return json(j);
    }
    String message = e.getMessage() == null ? "HTTP " + status : e.getMessage();
    return error(status, message).build();
  }

  /** Anything unexpected: the server's fault, logged with its stack trace. */
  @ServerExceptionMapper
  public Response unexpected(Throwable e) {
    Throwable root = e;
    while ((root instanceof java.util.concurrent.CompletionException
            || root instanceof java.util.concurrent.ExecutionException)
        && root.getCause() != null) {
      root = root.getCause();
    }
    if (root instanceof OipException o && root != e) {
      return oip(o);
    }
    LOG.errorf(e, "request failed unexpectedly: %s", e.getMessage());
    return error(
            500, "internal error: " + root.getClass().getSimpleName() + ": " + root.getMessage())
        .build();
  }

  private static String describe(JsonMappingException e) {
    String path =
        e.getPath().stream()
            .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
            .reduce((a, b) -> a + "." + b)
            .orElse("body");
    return "invalid request body at " + path + ": " + clean(e.getOriginalMessage());
  }

  /** Drops Jackson's source-location noise, which means nothing to a client. */
  static String clean(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    return message.replaceAll("\\s*\\(start marker at \\[Source.*?\\]\\)", "").trim();
  }

  static Response.ResponseBuilder error(int status, String message) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorBody(message));
  }
}
