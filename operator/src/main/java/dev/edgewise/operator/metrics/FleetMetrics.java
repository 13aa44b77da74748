package dev.edgewise.operator.metrics;

import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gauges of what the ModelDeployments report. Fleet-wide: placements by pool, placements on
 * disconnected nodes, rollouts in progress. Per ModelDeployment (tags {@code
 * model_deployment_namespace} and {@code model_deployment}): its placements, those on disconnected
 * nodes, its cloud runtime's replicas (joint inference only) and one series per condition ({@code
 * edgewise_modeldeployment_condition{type,status,reason} 1}), which is what alerts select on. Each
 * reconciliation records its resource's latest figures; a deleted ModelDeployment is forgotten.
 */
@ApplicationScoped
public class FleetMetrics {
  static final String NAMESPACE_TAG = "model_deployment_namespace";
  static final String NAME_TAG = "model_deployment";

  private final MeterRegistry registry;
  private final Map<String, Figures> latest = new HashMap<>();
  private final Map<String, OwnGauges> own = new HashMap<>();
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
   * Records the status a reconciliation wrote for one ModelDeployment: its previous figures are
   * taken out of the fleet gauges and the new ones put in, and its own gauges are set, so a
   * reconciliation costs its own placements, not a pass over every ModelDeployment. A null status
   * forgets the ModelDeployment.
   */
  public synchronized void record(String namespace, String name, ModelDeploymentStatus status) {
    String key = namespace + "/" + name;
    Figures next = status == null ? null : Figures.of(status);
    Figures previous = next == null ? latest.remove(key) : latest.put(key, next);
    if (previous != null) {
      add(previous, -1);
    }
    if (next != null) {
      add(next, 1);
      own.computeIfAbsent(
              key, k -> new OwnGauges(Tags.of(NAMESPACE_TAG, namespace, NAME_TAG, name)))
          .set(status);
    } else {
      OwnGauges gone = own.remove(key);
      if (gone != null) {
        gone.removeAll();
      }
    }
  }

  /** Takes a deleted ModelDeployment out of every gauge and removes its own series. */
  public void forget(String namespace, String name) {
    record(namespace, name, null);
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

    int placements() {
      return placementsByPool.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** A condition as its series shows it: status and reason of one type. */
  private record ConditionState(String status, String reason) {
    static ConditionState of(Condition condition) {
      return new ConditionState(
          Objects.toString(condition.getStatus(), ""), Objects.toString(condition.getReason(), ""));
    }
  }

  /** The gauges of one ModelDeployment, registered on its first record and removed with it. */
  private final class OwnGauges {
    private final Tags tags;
    private final AtomicInteger placements = new AtomicInteger();
    private final AtomicInteger offline = new AtomicInteger();
    private final AtomicInteger cloudReplicas = new AtomicInteger();
    private final AtomicInteger cloudReady = new AtomicInteger();
    private final Gauge placementsGauge;
    private final Gauge offlineGauge;
    private Gauge cloudReplicasGauge;
    private Gauge cloudReadyGauge;
    private final Map<String, ConditionState> conditionStates = new HashMap<>();
    private final Map<String, Gauge> conditionGauges = new HashMap<>();

    OwnGauges(Tags tags) {
      this.tags = tags;
      placementsGauge =
          Gauge.builder("edgewise.modeldeployment.placements", placements, AtomicInteger::get)
              .description("Edge runtime placements of one ModelDeployment")
              .tags(tags)
              .register(registry);
      offlineGauge =
          Gauge.builder(
                  "edgewise.modeldeployment.placements.disconnected", offline, AtomicInteger::get)
              .description("Placements of one ModelDeployment on NotReady nodes within grace")
              .tags(tags)
              .register(registry);
    }

    void set(ModelDeploymentStatus status) {
      Figures figures = Figures.of(status);
      placements.set(figures.placements());
      offline.set(figures.disconnected());
      setCloud(status.getCloud());
      setConditions(status);
    }

    private void setCloud(CloudRuntimeStatus cloud) {
      if (cloud == null) {
        removeCloud();
        return;
      }
      cloudReplicas.set(cloud.getReplicas() == null ? 0 : cloud.getReplicas());
      cloudReady.set(cloud.getReadyReplicas() == null ? 0 : cloud.getReadyReplicas());
      if (cloudReplicasGauge == null) {
        cloudReplicasGauge =
            Gauge.builder(
                    "edgewise.modeldeployment.cloud.replicas", cloudReplicas, AtomicInteger::get)
                .description("Cloud runtime replicas a joint-inference ModelDeployment asks for")
                .tags(tags)
                .register(registry);
        cloudReadyGauge =
            Gauge.builder(
                    "edgewise.modeldeployment.cloud.replicas.ready", cloudReady, AtomicInteger::get)
                .description("Ready cloud runtime replicas of a joint-inference ModelDeployment")
                .tags(tags)
                .register(registry);
      }
    }

    private void removeCloud() {
      if (cloudReplicasGauge != null) {
        registry.remove(cloudReplicasGauge);
        registry.remove(cloudReadyGauge);
        cloudReplicasGauge = null;
        cloudReadyGauge = null;
      }
    }

    private void setConditions(ModelDeploymentStatus status) {
      Map<String, ConditionState> wanted = new HashMap<>();
      if (status.getConditions() != null) {
        for (Condition condition : status.getConditions()) {
          if (condition.getType() != null) {
            wanted.put(condition.getType(), ConditionState.of(condition));
          }
        }
      }
      for (String type : Map.copyOf(conditionStates).keySet()) {
        if (!wanted.containsKey(type)) {
          removeCondition(type);
        }
      }
      wanted.forEach(
          (type, state) -> {
            if (!state.equals(conditionStates.get(type))) {
              removeCondition(type);
              conditionStates.put(type, state);
              conditionGauges.put(
                  type,
                  Gauge.builder("edgewise.modeldeployment.condition", () -> 1)
                      .description(
                          "A condition of one ModelDeployment: 1 for its current status and reason")
                      .tags(tags)
                      .tags("type", type, "status", state.status(), "reason", state.reason())
                      .register(registry));
            }
          });
    }

    private void removeCondition(String type) {
      conditionStates.remove(type);
      Gauge gauge = conditionGauges.remove(type);
      if (gauge != null) {
        registry.remove(gauge);
      }
    }

    void removeAll() {
      registry.remove(placementsGauge);
      registry.remove(offlineGauge);
      removeCloud();
      for (String type : Map.copyOf(conditionStates).keySet()) {
        removeCondition(type);
      }
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
