package dev.edgewise.runtime.collaboration;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps hard examples for retraining: each hard row becomes one JSON line in {@code
 * <dir>/hard-examples.jsonl}. Requests only hand a record to a bounded queue ({@link #offer} never
 * blocks and never throws); one daemon thread writes them. The file rotates like a log appender's:
 * a line that would take it past {@code maxBytes} first renames it to {@code hard-examples.jsonl.1}
 * (the older {@code .1} to {@code .2}, up to {@code backups} files; the oldest is deleted), so the
 * newest examples are always kept, every file holds whole lines, and the directory holds at most
 * {@code (1 + backups) * maxBytes} bytes. An example longer than {@code maxBytes} on its own is
 * dropped and counted. A failure to open, rotate or write is logged once and counted, and every
 * later example is tried again.
 *
 * <p>The JBoss log manager's size-rotating handler would rotate too, but after the write that
 * crosses the limit, through a formatter and an error manager: the few lines here keep the bound
 * exact and the failures counted.
 */
public final class HardExampleLog implements AutoCloseable {

  /** The file's name inside the configured directory. */
  public static final String FILE_NAME = "hard-examples.jsonl";

  private static final Logger LOG = Logger.getLogger(HardExampleLog.class);
  private static final int QUEUE_CAPACITY = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One hard row, as written.
   *
   * @param timestamp when the row was answered (ISO-8601, UTC)
   * @param model the model name
   * @param version the edge model version
   * @param outcome who answered: cloud, edge-fallback or edge-over-budget
   * @param confidence the edge's top-class probability
   * @param input the input row: each input's values, by input name
   * @param edge the edge model's row of the output confidence is measured on
   * @param cloud the cloud's row of that output, or null when the cloud did not answer it
   */
  @JsonPropertyOrder({
    "timestamp",
    "model",
    "version",
    "outcome",
    "confidence",
    "input",
    "edge",
    "cloud"
  })
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record HardExample(
      String timestamp,
      String model,
      String version,
      String outcome,
      float confidence,
      java.util.Map<String, double[]> input,
      double[] edge,
      double[] cloud) {}

  private final Path file;
  private final long maxBytes;
  private final int backups;
  private final CollaborationMetrics metrics;
  private final BlockingQueue<HardExample> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Thread writer;
  private volatile boolean closed;
  private OutputStream out;
  private long size;
  private boolean tooLargeSaid;
  private boolean ioErrorSaid;
  private boolean queueFullSaid;

  /**
   * Starts the writer thread for {@code dir}; the file is opened on first use.
   *
   * @param maxBytes size a file may reach before it is rotated
   * @param backups rotated files kept ({@code .1} the newest); 0 deletes the full file
   */
  public HardExampleLog(Path dir, long maxBytes, int backups, CollaborationMetrics metrics) {
    if (maxBytes < 1 || backups < 0) {
      throw new IllegalArgumentException(
          "maxBytes must be at least 1 and backups at least 0, got " + maxBytes + ", " + backups);
    }
    this.file = dir.resolve(FILE_NAME);
    this.maxBytes = maxBytes;
    this.backups = backups;
    this.metrics = metrics;
    this.writer = new Thread(this::run, "edgewise-hard-examples");
    this.writer.setDaemon(true);
    this.writer.start();
  }

  /** The file written. */
  public Path file() {
    return file;
  }

  /** The {@code n}th rotated file, {@code hard-examples.jsonl.<n>}; 1 is the newest. */
  public Path backup(int n) {
    return file.resolveSibling(FILE_NAME + "." + n);
  }

  /** Queues {@code example} for writing; drops and counts it when the queue is full. */
  public void offer(HardExample example) {
    if (closed || !queue.offer(example)) {
      metrics.exampleDropped(CollaborationMetrics.DropReason.QUEUE_FULL);
      synchronized (this) {
        if (!queueFullSaid) {
          queueFullSaid = true;
          LOG.warnf(
              "hard-examples writer is behind (%d queued): dropping hard examples until it catches"
                  + " up (counted in edgewise_hard_examples_dropped_total{reason=\"queue_full\"})",
              QUEUE_CAPACITY);
        }
      }
    }
  }

  private void run() {
    while (!closed || !queue.isEmpty()) {
      HardExample next;
      try {
        next = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (next != null) {
        write(next);
      }
      if (queue.isEmpty()) {
        flush();
      }
    }
    closeFile();
  }

  private void write(HardExample example) {
    byte[] line;
    try {
      line = JSON.writeValueAsBytes(example);
    } catch (IOException e) {
      ioFailed("encoding a hard example failed", e);
      return;
    }
    long bytes = line.length + 1L;
    if (bytes > maxBytes) {
      metrics.exampleDropped(CollaborationMetrics.DropReason.TOO_LARGE);
      if (!tooLargeSaid) {
        tooLargeSaid = true;
        LOG.warnf(
            "a hard example takes %d bytes, more than a whole hard-examples file may"
                + " (edgewise.collaboration.hard-examples-max-bytes=%d): such examples are dropped"
                + " (counted in edgewise_hard_examples_dropped_total{reason=\"too_large\"})",
            bytes, maxBytes);
      }
      return;
    }
    if (!open()) {
      return;
    }
    if (size > 0 && size + bytes > maxBytes && !rotate()) {
      return;
    }
    try {
      out.write(line);
      out.write('\n');
      size += bytes;
      metrics.exampleWritten();
    } catch (IOException e) {
      ioFailed("writing " + file + " failed", e);
      closeFile();
    }
  }

  private boolean open() {
    if (out != null) {
      return true;
    }
    try {
      Files.createDirectories(file.getParent());
      out =
          new BufferedOutputStream(
              Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND));
      size = Files.size(file);
      return true;
    } catch (IOException e) {
      ioFailed("opening " + file + " failed", e);
      return false;
    }
  }

  /**
   * Closes the full file and shifts it and the kept backups up by one ({@code .1} becomes {@code
   * .2}, the file {@code .1}), the oldest dropping off; then opens a new, empty file.
   */
  private boolean rotate() {
    if (!closeFile()) {
      return false;
    }
    try {
      if (backups == 0) {
        Files.deleteIfExists(file);
      } else {
        Files.deleteIfExists(backup(backups));
        for (int n = backups - 1; n >= 1; n--) {
          if (Files.exists(backup(n))) {
            Files.move(backup(n), backup(n + 1));
          }
        }
        Files.move(file, backup(1));
      }
    } catch (IOException e) {
      ioFailed("rotating " + file + " failed", e);
      return false;
    }
    return open();
  }

  private void flush() {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      ioFailed("writing " + file + " failed", e);
      closeFile();
    }
  }

  private void ioFailed(String what, IOException e) {
    metrics.exampleDropped(CollaborationMetrics.DropReason.IO_ERROR);
    if (!ioErrorSaid) {
      ioErrorSaid = true;
      LOG.errorf(
          e,
          "%s: %s; hard examples that cannot be written are dropped (counted in"
              + " edgewise_hard_examples_dropped_total{reason=\"io_error\"}), later ones are tried"
              + " again",
          what,
          e.getMessage());
    }
  }

  /** Closes the file if open; false when closing (flushing what was buffered) failed. */
  private boolean closeFile() {
    if (out == null) {
      return true;
    }
    try {
      out.close();
      return true;
    } catch (IOException e) {
      ioFailed("closing " + file + " failed", e);
      return false;
    } finally {
      out = null;
    }
  }

  /** Writes what is queued, then stops the writer. */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
