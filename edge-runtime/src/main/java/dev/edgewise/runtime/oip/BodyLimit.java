package dev.edgewise.runtime.oip;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers 413 in the protocol's JSON error shape when a request body other than an inference
 * request (whose limit {@link InferenceRoute} sizes from the model) is larger than {@code
 * quarkus.http.limits.max-body-size}: at once when the request declares its length, and as soon as
 * the limit is passed when the body arrives in chunks without a {@code Content-Length}.
 */
@Singleton
public class BodyLimit {

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size")
          io.quarkus.runtime.configuration.MemorySize limit) {
    long max = limit.asLongValue();
    // Reads a chunked body up to the limit (the resources then use the buffered body) and fails
    // the request with 413 beyond it.
    BodyHandler chunked = BodyHandler.create(false).setBodyLimit(max);
    router
        .route()
        .order(Integer.MIN_VALUE)
        .failureHandler(
            ctx -> {
              if (ctx.statusCode() == 413
                  && !ctx.response().headWritten()
                  && !ctx.normalizedPath().matches(InferenceRoute.PATH_PATTERN)) {
                tooLarge(ctx, "request body is larger than the limit of " + max + " bytes");
              } else {
                ctx.next();
              }
            });
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              if (ctx.normalizedPath().matches(InferenceRoute.PATH_PATTERN)) {
                // Inference sizes its limit from the model (InferenceRoute).
                ctx.next();
                return;
              }
              String length = ctx.request().getHeader("Content-Length");
              if (length != null && isOver(length, max)) {
                tooLarge(
                    ctx,
                    "request body of "
                        + length.trim()
                        + " bytes is larger than the limit of "
                        + max
                        + " bytes");
              } else if (length == null
                  && isChunked(ctx.request().getHeader("Transfer-Encoding"))) {
                chunked.handle(ctx);
              } else {
                ctx.next();
              }
            });
  }

  private static void tooLarge(RoutingContext ctx, String message) {
    ctx.response()
        .setStatusCode(413)
        .putHeader("Content-Type", "application/json")
        .putHeader("Connection", "close")
        .end(ErrorBody.json(message));
  }

  static boolean isChunked(String transferEncoding) {
    return transferEncoding != null
        && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
  }

  static boolean isOver(String contentLength, long max) {
    try {
      return Long.parseLong(contentLength.trim()) > max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
