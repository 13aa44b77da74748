package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.serving.ModelRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The health endpoints ({@code GET /v2/health/live} and {@code /v2/health/ready}) as plain Vert.x
 * routes answered on the event loop: probes are frequent, and the first readiness answer after a
 * start does not wait for the REST layer's first request to warm up.
 */
@Singleton
public class HealthRoute {

  private final ModelRegistry registry;

  /** Creates the routes over the registry's readiness. */
  public HealthRoute(ModelRegistry registry) {
    this.registry = registry;
  }

  void install(@Observes Router router) {
    router
        .get("/v2/health/live")
        .order(Integer.MIN_VALUE + 1)
        .handler(ctx -> answer(ctx, 200, "{\"live\":true}"));
    router
        .get("/v2/health/ready")
        .order(Integer.MIN_VALUE + 1)
        .handler(
            ctx -> {
              boolean ready = registry.ready();
              answer(ctx, ready ? 200 : 503, "{\"ready\":" + ready + "}");
            });
  }

  private static void answer(RoutingContext ctx, int status, String json) {
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(json);
  }
}
