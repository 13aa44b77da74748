package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.DynamicBatcher;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.model.ModelInput;
import dev.edgewise.runtime.model.Tensor;
import dev.edgewise.runtime.model.TensorRows;
import dev.edgewise.runtime.serving.ModelRegistry;
import dev.edgewise.runtime.serving.RuntimeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Answers an inference request, asking the cloud for the rows the edge is unsure of: the one place
 * both inference paths ({@code InferenceRoute} and {@code InferenceResource}) go through. The rows
 * go to the batcher as before; when they come back the request's hard rows (by {@link
 * OffloadPolicy}) are sent to the cloud in one OIP request, and the cloud's rows replace the edge's
 * if they arrive within the deadline. Otherwise the edge answers, and the rows are marked so.
 *
 * <p>The answer completes on the caller's Vert.x context (the request's event loop): the policy,
 * the cloud call and its deadline timer all run there, never on the batcher thread, and nothing
 * waits. With no cloud URL configured it only hands the edge rows back on that context.
 */
@Singleton
public class JointInference {

  private static final Logger LOG = Logger.getLogger(JointInference.class);
  private static final long FAILURE_LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final ModelRegistry registry;
  private final Vertx vertx;
  private final String modelName;
  private final Optional<String> confidenceOutput;
  private final Optional<CollaborationSettings> settings;
  private final OffloadPolicy policy;
  private final CloudClient cloud;
  private final CloudKeepWarm keepWarm;
  private final CollaborationMetrics metrics;
  private final HardExampleLog hardExamples;
  private final AtomicLong lastFailureLog =
      new AtomicLong(System.nanoTime() - FAILURE_LOG_INTERVAL_NANOS);
  private final AtomicLong failuresSinceLog = new AtomicLong();

  /**
   * Reads {@code edgewise.collaboration.*}; a bad setting fails startup with a message naming it.
   */
  public JointInference(
      ModelRegistry registry, RuntimeConfig config, Vertx vertx, MeterRegistry meters) {
    this.registry = registry;
    this.vertx = vertx;
    RuntimeConfig.ModelConfig model = config.model();
    this.modelName = model.name();
    this.confidenceOutput = config.collaboration().output();
    this.settings = CollaborationSettings.from(config.collaboration());
    if (settings.isEmpty()) {
      this.policy = null;
      this.cloud = null;
      this.keepWarm = null;
      this.metrics = null;
      this.hardExamples = null;
      return;
    }
    CollaborationSettings s = settings.get();
    this.policy = new OffloadPolicy(s.rule());
    this.metrics = new CollaborationMetrics(meters);
    this.cloud = new CloudClient(vertx, s.cloudUrl(), modelName, s.deadline(), new CloudCodec());
    this.keepWarm = new CloudKeepWarm(vertx, cloud, CloudKeepWarm.PERIOD);
    this.hardExamples =
        s.hardExamplesDir()
            .map(
                dir ->
                    new HardExampleLog(
                        dir, s.hardExamplesMaxBytes(), s.hardExamplesMaxBackups(), metrics))
            .orElse(null);
  }

  /**
   * Logs the settings and opens a connection to the cloud (its readiness check) in the background:
   * the edge is ready without waiting for it, and a cloud that is down does not stop the start.
   */
  void onStart(@Observes StartupEvent event) {
    if (keepWarm != null) {
      keepWarm.start();
    }
    settings.ifPresent(
        s ->
            LOG.infof(
                "joint inference on: cloud %s (POST %s), confidence-threshold=%s"
                    + " offload-budget-percent=%s, deadline %d ms, hard examples %s",
                s.cloudUrl(),
                cloud.url(),
                s.threshold().isPresent() ? Double.toString(s.threshold().getAsDouble()) : "-",
                s.budgetPercent().isPresent()
                    ? s.budgetPercent().getAsInt()
                        + " (of the last "
                        + s.budgetWindowRows()
                        + " rows)"
                    : "-",
                s.deadline().toMillis(),
                hardExamples == null
                    ? "not kept"
                    : hardExamples.file()
                        + " (rotated at "
                        + s.hardExamplesMaxBytes()
                        + " bytes, "
                        + s.hardExamplesMaxBackups()
                        + " kept)"));
  }

  void onStop(@Observes ShutdownEvent event) {
    if (keepWarm != null) {
      keepWarm.close();
    }
    if (cloud != null) {
      cloud.close();
    }
    if (hardExamples != null) {
      hardExamples.close();
    }
  }

  /** Whether a cloud is configured. */
  public boolean enabled() {
    return settings.isPresent();
  }

  /**
   * Queues {@code input} for the edge model and completes, on the calling Vert.x context, with the
   * answer: the edge's outputs, with the cloud's rows in place of the hard rows it answered in
   * time. A row is hard by its confidence over the last dimension of the output named by {@code
   * edgewise.collaboration.output} (the model's first output by default).
   *
   * @param requestId the request's id, passed on to the cloud; may be null
   * @throws QueueFullException when the batcher's queue is full
   * @throws BatcherClosedException when the server is stopping
   */
  public CompletableFuture<JointAnswer> infer(ModelInput input, String requestId)
      throws QueueFullException, BatcherClosedException {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<DynamicBatcher.Result<List<Tensor>>> edge = registry.submit(input);
    CompletableFuture<JointAnswer> answer = new CompletableFuture<>();
    edge.whenComplete(
        (result, failure) ->
            context.runOnContext(
                v -> {
                  if (failure != null) {
                    answer.completeExceptionally(failure);
                  } else if (policy == null) {
                    answer.complete(JointAnswer.edgeOnly(result.output(), result.modelVersion()));
                  } else {
                    escalate(input, result, requestId, answer);
                  }
                }));
    return answer;
  }

  /** Decides the hard rows, asks the cloud for them, and completes {@code answer}. */
  private void escalate(
      ModelInput input,
      DynamicBatcher.Result<List<Tensor>> edge,
      String requestId,
      CompletableFuture<JointAnswer> answer) {
    try {
      float[] confidence = Confidence.ofRows(scored(edge.output()));
      OffloadPolicy.Decision[] decisions = policy.decide(confidence);
      int[] sent = AnswerMerge.sentRows(decisions);
      if (sent.length == 0) {
        finish(input, edge, confidence, decisions, null, answer);
        return;
      }
      long start = System.nanoTime();
      cloud
          .infer(AnswerMerge.select(input.tensors(), sent), requestId, edge.output())
          .onComplete(
              reply -> {
                List<Tensor> rows = null;
                if (reply.succeeded()) {
                  metrics.cloudCall("ok", System.nanoTime() - start);
                  rows = reply.result();
                } else {
                  Throwable cause = reply.cause();
                  metrics.cloudCall(
                      cause instanceof TimeoutException ? "timeout" : "error",
                      System.nanoTime() - start);
                  cloudFailed(cause, sent.length);
                }
                finish(input, edge, confidence, decisions, rows, answer);
              });
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
  }

  /** The output whose rows confidence is measured on. */
  private Tensor scored(List<Tensor> outputs) {
    if (confidenceOutput.isEmpty()) {
      return outputs.get(0);
    }
    String name = confidenceOutput.get();
    return outputs.stream()
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "edgewise.collaboration.output is '"
                        + name
                        + "' but the model's outputs are "
                        + outputs.stream().map(Tensor::name).toList()));
  }

  private void finish(
      ModelInput input,
      DynamicBatcher.Result<List<Tensor>> edge,
      float[] confidence,
      OffloadPolicy.Decision[] decisions,
      List<Tensor> cloudRows,
      CompletableFuture<JointAnswer> answer) {
    try {
      JointAnswer merged;
      try {
        merged = AnswerMerge.merge(edge.output(), edge.modelVersion(), decisions, cloudRows);
      } catch (IllegalArgumentException e) {
        // The cloud answered a different number or width of rows than it was asked for.
        cloudFailed(e, AnswerMerge.sentRows(decisions).length);
        cloudRows = null;
        merged = AnswerMerge.merge(edge.output(), edge.modelVersion(), decisions, null);
      }
      metrics.rowsAnswered(merged.outcomes());
      keepHardExamples(input, edge, confidence, merged.outcomes(), decisions, cloudRows);
      answer.complete(merged);
    } catch (RuntimeException e) {
      answer.completeExceptionally(e);
    }
  }

  private void keepHardExamples(
      ModelInput input,
      DynamicBatcher.Result<List<Tensor>> edge,
      float[] confidence,
      RowOutcome[] outcomes,
      OffloadPolicy.Decision[] decisions,
      List<Tensor> cloudRows) {
    if (hardExamples == null) {
      return;
    }
    String now = null;
    int k = 0;
    Tensor scored = scored(edge.output());
    int scoredIndex = edge.output().indexOf(scored);
    for (int r = 0; r < outcomes.length; r++) {
      if (outcomes[r] == RowOutcome.EDGE) {
        continue;
      }
      double[] cloudRow = null;
      if (decisions[r] == OffloadPolicy.Decision.CLOUD) {
        cloudRow = cloudRows == null ? null : TensorRows.row(cloudRows.get(scoredIndex), k);
        k++;
      }
      Map<String, double[]> inputRow = new LinkedHashMap<>();
      for (Tensor t : input.tensors()) {
        inputRow.put(t.name(), TensorRows.row(t, r));
      }
      now = now == null ? Instant.now().toString() : now;
      hardExamples.offer(
          new HardExampleLog.HardExample(
              now,
              modelName,
              edge.modelVersion(),
              outcomes[r].label(),
              confidence[r],
              inputRow,
              TensorRows.row(scored, r),
              cloudRow));
    }
  }

  /** Logs a cloud failure at most every ten seconds, with the count since the last line. */
  private void cloudFailed(Throwable cause, int rows) {
    long failures = failuresSinceLog.incrementAndGet();
    long now = System.nanoTime();
    long last = lastFailureLog.get();
    if (now - last >= FAILURE_LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
      failuresSinceLog.addAndGet(-failures);
      LOG.warnf(
          "cloud call failed, the edge answered %d hard rows itself (%d cloud failures in the last"
              + " %d s, counted in edgewise_offload_rows_total{outcome=\"fallback\"}): %s: %s",
          rows,
          failures,
          FAILURE_LOG_INTERVAL_NANOS / 1_000_000_000L,
          cause.getClass().getSimpleName(),
          cause.getMessage());
    }
  }
}
