package dev.edgewise.runtime.collaboration;

import io.vertx.core.AsyncResult;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps a connection to the cloud open, so the first hard row after a start or a quiet spell does
 * not pay for a new connection inside its deadline (a 200 ms deadline was missed by 25 ms on a cold
 * connection). At {@link #start} it asks the cloud's readiness check once, without waiting for the
 * answer: the edge runtime is ready at once, and a cloud that is down only costs one log line.
 * Then, every {@code period}, it asks again if no call went to the cloud for that long, which keeps
 * a pooled connection from reaching the pool's keep-alive timeout. Later changes of reachability
 * are logged once each, not every period.
 */
public final class CloudKeepWarm implements AutoCloseable {

  /** How often an idle connection is used: well within the pool's keep-alive timeout. */
  public static final Duration PERIOD = Duration.ofSeconds(CloudClient.KEEP_ALIVE_SECONDS / 3);

  private static final Logger LOG = Logger.getLogger(CloudKeepWarm.class);

  private final Vertx vertx;
  private final CloudClient cloud;
  private final long periodMillis;
  private long timer = -1;
  private final AtomicBoolean asking = new AtomicBoolean();
  private volatile Boolean reachable;

  /** Keeps {@code cloud} warm every {@code period}; nothing happens before {@link #start}. */
  public CloudKeepWarm(Vertx vertx, CloudClient cloud, Duration period) {
    this.vertx = vertx;
    this.cloud = cloud;
    this.periodMillis = Math.max(1, period.toMillis());
  }

  /** Asks the cloud once now, and again whenever it has been idle for a period. Never blocks. */
  public synchronized void start() {
    if (timer >= 0) {
      return;
    }
    ask();
    timer =
        vertx.setPeriodic(
            periodMillis,
            id -> {
              if (cloud.idleNanos() >= TimeUnit.MILLISECONDS.toNanos(periodMillis)) {
                ask();
              }
            });
  }

  /** Whether the last readiness check was answered 200; null before the first answer. */
  public Boolean reachable() {
    return reachable;
  }

  /** Asks the cloud, unless the last question is still waiting for its answer. */
  private void ask() {
    if (asking.compareAndSet(false, true)) {
      cloud.ready().onComplete(this::answered);
    }
  }

  private void answered(AsyncResult<Integer> result) {
    asking.set(false);
    boolean ok = result.succeeded() && result.result() == 200;
    Boolean before = reachable;
    reachable = ok;
    if (before != null && before == ok) {
      return;
    }
    if (ok) {
      LOG.infof("cloud runtime ready: GET %s answered 200, connection kept open", cloud.readyUrl());
    } else {
      LOG.warnf(
          "cloud runtime not ready: GET %s %s; hard rows are still sent to it, and those it does"
              + " not answer in time are answered by the edge (asked again every %d ms while idle)",
          cloud.readyUrl(),
          result.succeeded()
              ? "answered HTTP " + result.result()
              : "failed: "
                  + result.cause().getClass().getSimpleName()
                  + ": "
                  + result.cause().getMessage(),
          periodMillis);
    }
  }

  /** Stops asking. */
  @Override
  public synchronized void close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
