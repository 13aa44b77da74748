package dev.edgewise.operator.metrics;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.source.ResourceAction;
import io.javaoperatorsdk.operator.processing.event.source.controller.ResourceEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;

/**
 * Reconcile durations and counts per controller and outcome, as {@code edgewise_reconcile_seconds}.
 * Replaces the SDK's own Micrometer metrics, which register one meter name with different tag keys
 * for cluster-scoped and namespaced kinds and so break the Prometheus registry. Also tells {@link
 * FleetMetrics} when a ModelDeployment is deleted, so its own series go with it.
 */
@ApplicationScoped
public class ReconcileMetrics {

  @Produces
  @Singleton
  Metrics metrics(MeterRegistry registry, FleetMetrics fleet) {
    return new Metrics() {
      @Override
      public void eventReceived(Event event, Map<String, Object> metadata) {
        deletedModelDeployment(event)
            .ifPresent(
                md -> fleet.forget(md.getMetadata().getNamespace(), md.getMetadata().getName()));
      }

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

  /** The ModelDeployment a controller event says was deleted, if it is one. */
  static Optional<HasMetadata> deletedModelDeployment(Event event) {
    if (event instanceof ResourceEvent resourceEvent
        && resourceEvent.getAction() == ResourceAction.DELETED) {
      return resourceEvent.getResource().filter(ModelDeployment.class::isInstance);
    }
    return Optional.empty();
  }
}
