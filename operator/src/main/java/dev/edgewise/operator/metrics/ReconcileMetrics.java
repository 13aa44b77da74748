package dev.edgewise.operator.metrics;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Reconcile durations and counts per controller and outcome, as {@code edgewise_reconcile_seconds}.
 * Replaces the SDK's own Micrometer metrics, which register one meter name with different tag keys
 * for cluster-scoped and namespaced kinds and so break the Prometheus registry.
 */
@ApplicationScoped
public class ReconcileMetrics {

  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry) {
    return new Metrics() {
      @Override
      public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failure";
        try {
          T result = execution.execute();
          outcome = "success";
          return result;
        } finally {
          sample.stop(
              Timer.builder("edgewise.reconcile")
                  .description("Time one reconciliation took")
                  .tag("controller", execution.controllerName())
                  .tag("outcome", outcome)
                  .publishPercentileHistogram()
                  .register(registry));
        }
      }
    };
  }
}
