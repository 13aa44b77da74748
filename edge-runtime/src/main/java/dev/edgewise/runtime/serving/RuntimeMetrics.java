package dev.edgewise.runtime.serving;

import dev.edgewise.runtime.batching.BatchListener;
import dev.edgewise.runtime.model.LoadedModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The runtime's Prometheus metrics: inference requests by status, request latency, batch sizes,
 * queue depth and capacity, the loaded model version and how long it took to load.
 */
@ApplicationScoped
public class RuntimeMetrics implements BatchListener {

  private final MeterRegistry registry;
  private final Timer latency;
  private final DistributionSummary batchRows;
  private final DistributionSummary batchRequests;
  private final Counter failedBatches;
  private final Map<Integer, Counter> requestsByStatus = new ConcurrentHashMap<>();
  private final AtomicLong loadMillis = new AtomicLong();
  private volatile Gauge modelInfo;

  /** Registers the meters. */
  public RuntimeMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.latency =
        Timer.builder("edgewise.infer.latency")
            .description("Time from receiving an inference request to answering it")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.batchRows =
        DistributionSummary.builder("edgewise.batch.rows")
            .description("Rows per forward pass")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024)
            .register(registry);
    this.batchRequests =
        DistributionSummary.builder("edgewise.batch.requests")
            .description("Requests per forward pass")
            .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
            .register(registry);
    this.failedBatches =
        Counter.builder("edgewise.batch.failures")
            .description("Forward passes that failed")
            .register(registry);
    Gauge.builder("edgewise.model.load.seconds", loadMillis, m -> m.get() / 1000.0)
        .description("How long the serving model version took to load")
        .register(registry);
  }

  /**
   * Publishes the queue depth read from {@code depth}, and the queue's {@code capacity} (beyond it
   * requests get 503), so that alerts can compare the two.
   */
  public void watchQueue(Supplier<Number> depth, int capacity) {
    Gauge.builder("edgewise.queue.depth", depth).description("Requests waiting").register(registry);
    Gauge.builder("edgewise.queue.capacity", () -> capacity)
        .description("Most requests that may wait; beyond it requests get 503")
        .register(registry);
  }

  /** Records one answered inference request. */
  public void requestFinished(int status, long nanos) {
    requestsByStatus
        .computeIfAbsent(
            status,
            s ->
                Counter.builder("edgewise.infer.requests")
                    .description("Inference requests by HTTP status")
                    .tags(Tags.of("status", Integer.toString(s)))
                    .register(registry))
        .increment();
    latency.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  /** Publishes {@code model} as the serving version (value 1, labelled with version and digest). */
  public synchronized void modelServing(LoadedModel model) {
    if (modelInfo != null) {
      registry.remove(modelInfo);
    }
    modelInfo =
        Gauge.builder("edgewise.model.info", () -> 1)
            .description("The model version being served")
            .tags(
                Tags.of(
                    "name", model.source().name(),
                    "version", model.version(),
                    "digest", model.digest()))
            .register(registry);
    loadMillis.set(model.loadTime().toMillis());
  }

  @Override
  public void batchRan(int requests, int rows, long nanos) {
    batchRows.record(rows);
    batchRequests.record(requests);
  }

  @Override
  public void batchFailed(int requests, Throwable error) {
    failedBatches.increment();
  }
}
