package dev.edgewise.runtime.serving;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Counts inference requests by status and records their latency, whatever the outcome. */
public class RequestTiming {

  private static final String START = "edgewise.start-nanos";

  private final RuntimeMetrics metrics;

  /** Creates the filters. */
  public RequestTiming(RuntimeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Notes when the request arrived. */
  @ServerRequestFilter
  public void start(ContainerRequestContext request) {
    request.setProperty(START, System.nanoTime());
  }

  /** Records inference requests once answered. */
  @ServerResponseFilter
  public void finish(ContainerRequestContext request, ContainerResponseContext response) {
    Object start = request.getProperty(START);
    if (start instanceof Long nanos && request.getUriInfo().getPath().endsWith("/infer")) {
      metrics.requestFinished(response.getStatus(), System.nanoTime() - nanos);
    }
  }
}
