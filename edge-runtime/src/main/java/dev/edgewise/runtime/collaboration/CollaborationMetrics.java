package dev.edgewise.runtime.collaboration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The joint-inference meters, registered only when collaboration is on: hard rows by outcome
 * ({@code edgewise_offload_rows_total{outcome=cloud|fallback|over_budget}}), the cloud call's
 * latency by result ({@code edgewise_cloud_latency_seconds{result=ok|error|timeout}}), and hard
 * examples written and dropped ({@code edgewise_hard_examples_written_total}, {@code
 * edgewise_hard_examples_dropped_total{reason=too_large|queue_full|io_error}}).
 */
public final class CollaborationMetrics {

  /** Why a hard example was not written. */
  public enum DropReason {
    /** The example alone is longer than a hard-examples file may be. */
    TOO_LARGE("too_large"),
    /** The writer fell behind and its queue was full. */
    QUEUE_FULL("queue_full"),
    /** Opening or writing the file failed. */
    IO_ERROR("io_error");

    private final String tag;

    DropReason(String tag) {
      this.tag = tag;
    }
  }

  private final MeterRegistry registry;
  private final Map<RowOutcome, Counter> rows = new EnumMap<>(RowOutcome.class);
  private final Map<String, Timer> latency = new ConcurrentHashMap<>();
  private final Counter written;
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);

  /** Registers the meters in {@code registry}. */
  public CollaborationMetrics(MeterRegistry registry) {
    this.registry = registry;
    rows.put(RowOutcome.CLOUD, rowCounter("cloud"));
    rows.put(RowOutcome.FALLBACK, rowCounter("fallback"));
    rows.put(RowOutcome.OVER_BUDGET, rowCounter("over_budget"));
    for (String result : new String[] {"ok", "error", "timeout"}) {
      latency.put(
          result,
          Timer.builder("edgewise.cloud.latency")
              .description("Time from asking the cloud for a request's hard rows to its answer")
              .tag("result", result)
              .register(registry));
    }
    written =
        Counter.builder("edgewise.hard.examples.written")
            .description("Hard examples appended to the hard-examples file")
            .register(registry);
    for (DropReason reason : DropReason.values()) {
      dropped.put(
          reason,
          Counter.builder("edgewise.hard.examples.dropped")
              .description("Hard examples not written, by reason")
              .tag("reason", reason.tag)
              .register(registry));
    }
  }

  private Counter rowCounter(String outcome) {
    return Counter.builder("edgewise.offload.rows")
        .description(
            "Hard rows by outcome: answered by the cloud, fallback to the edge, over budget")
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Counts the hard rows among {@code outcomes}. */
  public void rowsAnswered(RowOutcome[] outcomes) {
    for (RowOutcome o : outcomes) {
      Counter c = rows.get(o);
      if (c != null) {
        c.increment();
      }
    }
  }

  /** Records one cloud call: {@code result} is ok, error or timeout. */
  public void cloudCall(String result, long nanos) {
    latency.get(result).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts one hard example written. */
  public void exampleWritten() {
    written.increment();
  }

  /** Counts one hard example dropped. */
  public void exampleDropped(DropReason reason) {
    dropped.get(reason).increment();
  }
}
