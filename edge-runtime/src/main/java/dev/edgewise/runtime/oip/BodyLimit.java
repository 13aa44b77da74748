package dev.edgewise.runtime.oip;

import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers 413 in the protocol's JSON error shape when a request declares a body larger than {@code
 * quarkus.http.limits.max-body-size} (Vert.x enforces the same limit on chunked bodies).
 */
@Singleton
public class BodyLimit {

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size")
          io.quarkus.runtime.configuration.MemorySize limit) {
    long max = limit.asLongValue();
    router
        .route()
        .order(Integer.MIN_VALUE)
        .handler(
            ctx -> {
              String length = ctx.request().getHeader("Content-Length");
              if (length != null && isOver(length, max)) {
                ctx.response()
                    .setStatusCode(413)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Connection", "close")
                    .end(
                        "{\"error\":\"request body of "
                            + length.trim()
                            + " bytes is larger than the limit of "
                            + max
                            + " bytes\"}");
                return;
              }
              ctx.next();
            });
  }

  static boolean isOver(String contentLength, long max) {
    try {
      return Long.parseLong(contentLength.trim()) > max;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
