package dev.edgewise.operator.metrics;

import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gauges of what the ModelDeployments report: placements by pool, placements on disconnected nodes,
 * rollouts in progress. Each reconciliation records its resource's latest figures.
 */
@ApplicationScoped
public class FleetMetrics {
  private final MeterRegistry registry;
  private final Map<String, ModelDeploymentStatus> latest = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> placementsByPool = new ConcurrentHashMap<>();
  private final AtomicInteger disconnected = new AtomicInteger();
  private final AtomicInteger rollouts = new AtomicInteger();

  public FleetMetrics(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("edgewise.placements.disconnected", disconnected, AtomicInteger::get)
        .description("Placements on NotReady nodes kept within their grace period")
        .register(registry);
    Gauge.builder("edgewise.rollouts.in.progress", rollouts, AtomicInteger::get)
        .description("ModelDeployments rolling out a new version")
        .register(registry);
  }

  /** Records the status a reconciliation wrote for one ModelDeployment ({@code ns/name}). */
  public void record(String key, ModelDeploymentStatus status) {
    if (status == null) {
      latest.remove(key);
    } else {
      latest.put(key, status);
    }
    recompute();
  }

  private synchronized void recompute() {
    Map<String, Integer> byPool = new ConcurrentHashMap<>();
    int offline = 0;
    int rolling = 0;
    for (ModelDeploymentStatus status : latest.values()) {
      if (status.getPlacements() != null) {
        for (PlacementStatus placement : status.getPlacements()) {
          byPool.merge(placement.getPool(), 1, Integer::sum);
          offline += placement.isDisconnected() ? 1 : 0;
        }
      }
      rolling += status.getRollout() != null && status.getRollout().getTarget() != null ? 1 : 0;
    }
    placementsByPool.values().forEach(g -> g.set(0));
    byPool.forEach((pool, count) -> gauge(pool).set(count));
    disconnected.set(offline);
    rollouts.set(rolling);
  }

  private AtomicInteger gauge(String pool) {
    return placementsByPool.computeIfAbsent(
        pool,
        p -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("edgewise.placements", value, AtomicInteger::get)
              .description("Edge runtime placements by pool")
              .tag("pool", p)
              .register(registry);
          return value;
        });
  }
}
