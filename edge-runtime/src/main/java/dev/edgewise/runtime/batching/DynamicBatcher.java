package dev.edgewise.runtime.batching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jboss.logging.Logger;

/**
 * Collects inference requests in a bounded queue and runs them together: one thread takes up to
 * {@code maxBatchRows} rows, waiting at most {@code maxDelay} after the oldest request arrived,
 * runs one forward pass and hands each request exactly its own rows back. A request larger than the
 * batch limit runs alone; so does a request that cannot be stacked with the ones before it ({@link
 * BatchItem#batchKey}: other datatypes or other dimensions besides the first): the batch being
 * gathered ends there and the request starts the next one.
 *
 * <p>At most {@code capacity} requests wait at once, counting those already gathered into a batch
 * that has not started its forward pass: a request counts as waiting from {@link #submit} until its
 * forward pass begins.
 */
public final class DynamicBatcher<I extends BatchItem, O> implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(DynamicBatcher.class);
  private static final long IDLE_POLL_MILLIS = 100;
  private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_POLL_MILLIS);
  private static final long NEVER = Long.MAX_VALUE;

  private final int maxBatchRows;
  private final long maxDelayNanos;
  private final int capacity;
  private final BlockingQueue<Pending<I, O>> queue;
  private final ForwardPass<I, O> forwardPass;
  private final BatchListener listener;
  private final Runnable housekeeping;
  private final ReentrantReadWriteLock closing = new ReentrantReadWriteLock();
  private final Thread thread;
  private final AtomicInteger waiting = new AtomicInteger();
  private volatile boolean closed;
  private volatile Pending<I, O> carried;

  /**
   * Rows in the queue, each request counting at least one. A submitter wakes the batcher only when
   * this reaches {@link #wakeAtRows}: when the batcher waits for a first request (1), or for the
   * rows that would fill its batch; never while it runs a forward pass. So a batch that gathers
   * over the delay costs one wake-up, not one per arriving request.
   */
  private final AtomicLong queuedRows = new AtomicLong();

  private volatile long wakeAtRows = NEVER;

  /** The rows one request receives, and the model version that computed them. */
  public record Result<O>(O output, String modelVersion) {}

  private record Pending<I, O>(I input, CompletableFuture<Result<O>> future, long enqueuedNanos) {}

  /**
   * Starts the batcher thread.
   *
   * @param housekeeping runs on the batcher thread between batches (and when idle), when no forward
   *     pass is in flight; used to close retired models
   */
  public DynamicBatcher(
      int maxBatchRows,
      Duration maxDelay,
      int capacity,
      ForwardPass<I, O> forwardPass,
      BatchListener listener,
      Runnable housekeeping) {
    if (maxBatchRows < 1 || capacity < 1 || maxDelay.isNegative()) {
      throw new IllegalArgumentException(
          "max batch rows and capacity must be >= 1 and the delay >= 0");
    }
    this.maxBatchRows = maxBatchRows;
    this.maxDelayNanos = maxDelay.toNanos();
    this.capacity = capacity;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.forwardPass = forwardPass;
    this.listener = listener;
    this.housekeeping = housekeeping;
    this.thread = new Thread(this::loop, "edgewise-batcher");
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues {@code input}; the future completes with exactly its rows of the output.
   *
   * @throws QueueFullException when the queue holds {@code capacity} requests already
   * @throws BatcherClosedException after {@link #close()}
   */
  public CompletableFuture<Result<O>> submit(I input)
      throws QueueFullException, BatcherClosedException {
    Pending<I, O> pending = new Pending<>(input, new CompletableFuture<>(), System.nanoTime());
    closing.readLock().lock();
    try {
      if (closed) {
        throw new BatcherClosedException();
      }
      if (waiting.incrementAndGet() > capacity) {
        waiting.decrementAndGet();
        throw new QueueFullException(capacity);
      }
      if (!queue.offer(pending)) {
        waiting.decrementAndGet();
        throw new QueueFullException(capacity);
      }
      if (queuedRows.addAndGet(weight(pending)) >= wakeAtRows) {
        LockSupport.unpark(thread);
      }
    } finally {
      closing.readLock().unlock();
    }
    return pending.future();
  }

  /** Requests waiting for a forward pass right now. */
  public int queueDepth() {
    return waiting.get();
  }

  /** The most requests that may wait at once. */
  public int capacity() {
    return capacity;
  }

  private void loop() {
    while (true) {
      try {
        housekeeping.run();
      } catch (RuntimeException e) {
        LOG.errorf(e, "batcher housekeeping failed: %s", e.getMessage());
      }
      Pending<I, O> first = carried;
      carried = null;
      if (first == null) {
        if (Thread.currentThread().isInterrupted()) {
          failRemaining();
          return;
        }
        first = take();
      }
      if (first == null) {
        // After close() no request can be queued any more (submit checks under the read lock).
        if (closed) {
          return;
        }
        awaitRows(1, System.nanoTime() + IDLE_POLL_NANOS);
        if (Thread.currentThread().isInterrupted()) {
          failRemaining();
          return;
        }
        continue;
      }
      List<Pending<I, O>> batch = collect(first);
      run(batch);
    }
  }

  private static long weight(Pending<? extends BatchItem, ?> p) {
    return Math.max(1, p.input().rows());
  }

  /** The next queued request, or null. */
  private Pending<I, O> take() {
    Pending<I, O> p = queue.poll();
    if (p != null) {
      queuedRows.addAndGet(-weight(p));
    }
    return p;
  }

  /**
   * Parks until at least {@code rows} rows are queued, {@code until} (System.nanoTime) passes,
   * close() is called, or the thread is interrupted; may return early.
   */
  private void awaitRows(long rows, long until) {
    // Publish the threshold before reading the count; a submitter adds to the count before reading
    // the threshold: one of the two sees the other, so no wake-up is lost.
    wakeAtRows = rows;
    if (queuedRows.get() < rows && !closed) {
      long wait = until - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(this, wait);
      }
    }
    wakeAtRows = NEVER;
  }

  private List<Pending<I, O>> collect(Pending<I, O> first) {
    List<Pending<I, O>> batch = new ArrayList<>();
    batch.add(first);
    int rows = first.input().rows();
    long deadline = first.enqueuedNanos() + maxDelayNanos;
    while (rows < maxBatchRows) {
      Pending<I, O> next = take();
      if (next == null) {
        long now = System.nanoTime();
        long wait = deadline - now;
        if (wait <= 0 || closed) {
          break;
        }
        // In slices, so that close() runs a gathering batch at once rather than after the delay
        // (close() also wakes the thread).
        awaitRows(maxBatchRows - rows, now + Math.min(wait, IDLE_POLL_NANOS));
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
        continue;
      }
      if (rows + next.input().rows() > maxBatchRows
          || !BatchItem.compatible(first.input(), next.input())) {
        carried = next;
        break;
      }
      batch.add(next);
      rows += next.input().rows();
    }
    return batch;
  }

  private void run(List<Pending<I, O>> batch) {
    long start = System.nanoTime();
    waiting.addAndGet(-batch.size());
    try {
      List<I> inputs = new ArrayList<>(batch.size());
      int rows = 0;
      for (Pending<I, O> p : batch) {
        inputs.add(p.input());
        rows += p.input().rows();
      }
      ForwardPass.Split<O> out = forwardPass.runEach(inputs);
      if (out.outputs().size() != batch.size()) {
        throw new IllegalStateException(
            "forward pass returned " + out.outputs().size() + " outputs for " + batch.size());
      }
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).future().complete(new Result<>(out.outputs().get(i), out.modelVersion()));
      }
      listener.batchRan(batch.size(), rows, System.nanoTime() - start);
    } catch (Exception e) {
      LOG.errorf(e, "forward pass over %d requests failed: %s", batch.size(), e.getMessage());
      listener.batchFailed(batch.size(), e);
      ForwardFailedException failed = new ForwardFailedException(e);
      for (Pending<I, O> p : batch) {
        p.future().completeExceptionally(failed);
      }
    }
  }

  private void failRemaining() {
    BatcherClosedException closedError = new BatcherClosedException();
    if (carried != null) {
      waiting.decrementAndGet();
      carried.future().completeExceptionally(closedError);
      carried = null;
    }
    Pending<I, O> p;
    while ((p = queue.poll()) != null) {
      waiting.decrementAndGet();
      p.future().completeExceptionally(closedError);
    }
  }

  /**
   * Stops accepting requests, finishes those already queued, then stops the thread (waiting at most
   * ten seconds).
   */
  @Override
  public void close() {
    closing.writeLock().lock();
    try {
      closed = true;
    } finally {
      closing.writeLock().unlock();
    }
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
  }
}
