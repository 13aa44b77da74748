package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.DynamicBatcher;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.model.Matrix;
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
    this.cloud =
        new CloudClient(
            vertx,
            s.cloudUrl(),
            modelName,
            s.deadline(),
            new CloudCodec(model.inputName(), model.outputName()));
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
   * answer: the edge's rows, with the cloud's in place of the hard rows it answered in time.
   *
   * @param requestId the request's id, passed on to the cloud; may be null
   * @throws QueueFullException when the batcher's queue is full
   * @throws BatcherClosedException when the server is stopping
   */
  public CompletableFuture<JointAnswer> infer(Matrix input, String requestId)
      throws QueueFullException, BatcherClosedException {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<DynamicBatcher.Result> edge = registry.submit(input);
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
      Matrix input,
      DynamicBatcher.Result edge,
      String requestId,
      CompletableFuture<JointAnswer> answer) {
    try {
      float[] confidence = Confidence.ofRows(edge.output());
      OffloadPolicy.Decision[] decisions = policy.decide(confidence);
      int[] sent = AnswerMerge.sentRows(decisions);
      if (sent.length == 0) {
        finish(input, edge, confidence, decisions, null, answer);
        return;
      }
      long start = System.nanoTime();
      cloud
          .infer(AnswerMerge.select(input, sent), requestId)
          .onComplete(
              reply -> {
                Matrix rows = null;
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

  private void finish(
      Matrix input,
      DynamicBatcher.Result edge,
      float[] confidence,
      OffloadPolicy.Decision[] decisions,
      Matrix cloudRows,
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
      Matrix input,
      DynamicBatcher.Result edge,
      float[] confidence,
      RowOutcome[] outcomes,
      OffloadPolicy.Decision[] decisions,
      Matrix cloudRows) {
    if (hardExamples == null) {
      return;
    }
    String now = null;
    int k = 0;
    for (int r = 0; r < outcomes.length; r++) {
      if (outcomes[r] == RowOutcome.EDGE) {
        continue;
      }
      float[] cloudRow = null;
      if (decisions[r] == OffloadPolicy.Decision.CLOUD) {
        cloudRow = cloudRows == null ? null : cloudRows.row(k);
        k++;
      }
      now = now == null ? Instant.now().toString() : now;
      hardExamples.offer(
          new HardExampleLog.HardExample(
              now,
              modelName,
              edge.modelVersion(),
              outcomes[r].label(),
              confidence[r],
              input.row(r),
              edge.output().row(r),
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
