package dev.edgewise.operator.metrics;

import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
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
  private final Map<String, Figures> latest = new HashMap<>();
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

  /**
   * Records the status a reconciliation wrote for one ModelDeployment ({@code ns/name}): its
   * previous figures are taken out of the gauges and the new ones put in, so a reconciliation costs
   * its own placements, not a pass over every ModelDeployment.
   */
  public synchronized void record(String key, ModelDeploymentStatus status) {
    Figures next = status == null ? null : Figures.of(status);
    Figures previous = next == null ? latest.remove(key) : latest.put(key, next);
    if (previous != null) {
      add(previous, -1);
    }
    if (next != null) {
      add(next, 1);
    }
  }

  private void add(Figures figures, int sign) {
    figures.placementsByPool().forEach((pool, count) -> gauge(pool).addAndGet(sign * count));
    disconnected.addAndGet(sign * figures.disconnected());
    rollouts.addAndGet(sign * figures.rollingOut());
  }

  /** One ModelDeployment's share of the gauges. */
  private record Figures(Map<String, Integer> placementsByPool, int disconnected, int rollingOut) {
    static Figures of(ModelDeploymentStatus status) {
      Map<String, Integer> byPool = new HashMap<>();
      int offline = 0;
      if (status.getPlacements() != null) {
        for (PlacementStatus placement : status.getPlacements()) {
          byPool.merge(placement.getPool(), 1, Integer::sum);
          offline += placement.isDisconnected() ? 1 : 0;
        }
      }
      boolean rolling = status.getRollout() != null && status.getRollout().getTarget() != null;
      return new Figures(byPool, offline, rolling ? 1 : 0);
    }
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
