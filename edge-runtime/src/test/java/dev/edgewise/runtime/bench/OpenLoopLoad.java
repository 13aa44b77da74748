package dev.edgewise.runtime.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Benchmark helper (not a test): an open-loop HTTP load generator. It offers a fixed rate of POST
 * requests, whatever the server's latency, and measures each request's latency from the time it was
 * <em>scheduled</em> to be sent, not from when it was sent, so that a server stall counts for every
 * request it held back (no coordinated omission; the same rule as wrk2).
 *
 * <p>Request {@code i} is scheduled at {@code start + i / rate} on connection {@code i mod
 * connections}. A connection sends its next request at its scheduled time, or as soon as the
 * previous response is in when that is later (HTTP/1.1, no pipelining); the late request's latency
 * still runs from its scheduled time. One thread, one selector, keep-alive connections; between
 * sends the thread sleeps in slices of 100 us, so a latency may read up to about 0.15 ms long.
 *
 * <pre>
 * OpenLoopLoad URL BODY_FILE CONTENT_TYPE RATE CONNECTIONS WARMUP_SECONDS SECONDS
 * </pre>
 *
 * prints one line: {@code offered=R achieved=A requests=N late=L non2xx=E p50_ms=.. p90_ms=..
 * p99_ms=.. p999_ms=.. max_ms=..}. {@code achieved} is the responses that arrived within the
 * measured window over its length (it falls under {@code offered} when the server cannot keep up);
 * {@code requests} and the percentiles are over the requests scheduled within the window (their
 * responses are waited for); {@code late} counts those sent more than 1 ms after their scheduled
 * time (their connection was still waiting for the previous response).
 */
public final class OpenLoopLoad {

  private static final long LATE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long SLICE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

  private final byte[] request;
  private final Conn[] conns;
  private final long intervalNanos;
  private final Selector selector;
  private long measureFrom;
  private long measureTo;
  private long[] latencies = new long[1 << 16];
  private int count;
  private long late;
  private long non2xx;
  private long completedInWindow;
  private final long slowNanos =
      (long) (Double.parseDouble(System.getProperty("slowMs", "0")) * 1e6);
  private final long epochOffsetNanos = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
  private final List<long[]> slow = new ArrayList<>();

  private OpenLoopLoad(
      InetSocketAddress address, byte[] request, double rate, int connections, long start)
      throws IOException {
    this.request = request;
    this.intervalNanos = Math.round(1e9 / rate);
    this.selector = Selector.open();
    this.conns = new Conn[connections];
    for (int c = 0; c < connections; c++) {
      SocketChannel ch = SocketChannel.open(address);
      ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
      ch.configureBlocking(false);
      conns[c] = new Conn(ch, start + c * intervalNanos);
      ch.register(selector, SelectionKey.OP_READ, conns[c]);
    }
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    java.net.URI url = java.net.URI.create(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    String contentType = args[2];
    double rate = Double.parseDouble(args[3]);
    int connections = Integer.parseInt(args[4]);
    double warmup = Double.parseDouble(args[5]);
    double seconds = Double.parseDouble(args[6]);
    String head =
        "POST "
            + url.getRawPath()
            + " HTTP/1.1\r\nHost: "
            + url.getHost()
            + ":"
            + url.getPort()
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
    byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);

    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
    OpenLoopLoad load =
        new OpenLoopLoad(
            new InetSocketAddress(url.getHost(), url.getPort()), request, rate, connections, start);
    load.measureFrom = start + (long) (warmup * 1e9);
    load.measureTo = load.measureFrom + (long) (seconds * 1e9);
    load.run();
    System.out.println(load.summary(rate, seconds));
    load.printStalls();
  }

  private void run() throws IOException {
    long end = measureTo;
    // Requests scheduled in the window are waited for (at most 10 s more) so that a slow tail is
    // counted rather than cut off.
    long drainUntil = measureTo + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      long now = System.nanoTime();
      long nextDue = Long.MAX_VALUE;
      boolean outstanding = false;
      for (Conn c : conns) {
        if (c.sentAt == 0 && c.scheduled < end) {
          if (c.scheduled <= now) {
            send(c, now);
          } else {
            nextDue = Math.min(nextDue, c.scheduled);
          }
        }
        outstanding |= c.sentAt != 0;
        if (c.sentAt != 0 && c.pendingWrite != null) {
          flush(c);
        }
      }
      if (nextDue == Long.MAX_VALUE && !outstanding) {
        return;
      }
      if (now > drainUntil) {
        throw new IllegalStateException("responses still missing 10 s after the window");
      }
      long wait = nextDue - System.nanoTime();
      int ready;
      if (wait > 2_000_000) {
        ready = selector.select(wait / 1_000_000 - 1);
      } else {
        ready = selector.selectNow();
        if (ready == 0 && wait > 0) {
          // Sleeps rather than spins: a thread that spins loses its wake-up preference to any
          // other process on its core and is then descheduled for whole time slices, which would
          // show as latency. A response that comes in meanwhile is timed up to this much late.
          LockSupport.parkNanos(Math.min(wait, SLICE_NANOS));
        }
      }
      if (ready > 0) {
        for (SelectionKey key : selector.selectedKeys()) {
          read((Conn) key.attachment());
        }
        selector.selectedKeys().clear();
      }
    }
  }

  private void send(Conn c, long now) throws IOException {
    if (now - c.scheduled > LATE_NANOS && inWindow(c.scheduled)) {
      late++;
    }
    c.sentAt = now;
    c.pendingWrite = ByteBuffer.wrap(request);
    flush(c);
  }

  private void flush(Conn c) throws IOException {
    c.ch.write(c.pendingWrite);
    if (!c.pendingWrite.hasRemaining()) {
      c.pendingWrite = null;
    }
  }

  private boolean inWindow(long scheduled) {
    return scheduled >= measureFrom && scheduled < measureTo;
  }

  private void read(Conn c) throws IOException {
    int n = c.ch.read(c.in);
    if (n < 0) {
      throw new IOException("server closed a connection");
    }
    int status = c.responseComplete();
    if (status < 0) {
      return;
    }
    long now = System.nanoTime();
    if (now >= measureFrom && now < measureTo) {
      completedInWindow++;
    }
    if (inWindow(c.scheduled)) {
      if (count == latencies.length) {
        latencies = Arrays.copyOf(latencies, count * 2);
      }
      latencies[count++] = now - c.scheduled;
      if (slowNanos > 0 && now - c.scheduled > slowNanos) {
        slow.add(new long[] {c.scheduled, now - c.scheduled});
      }
      if (status < 200 || status > 299) {
        non2xx++;
      }
    }
    c.sentAt = 0;
    c.scheduled += intervalNanos * conns.length;
    if (c.scheduled <= now && c.scheduled < measureTo) {
      // Behind schedule: send at once; the latency still counts from the scheduled time.
      send(c, now);
    }
  }

  /**
   * With {@code -DslowMs=X}: the requests slower than X ms, grouped into stalls (scheduled within
   * 20 ms of each other), with the wall-clock time of each, to line up with a server's GC log.
   */
  private void printStalls() {
    slow.sort((x, y) -> Long.compare(x[0], y[0]));
    java.time.format.DateTimeFormatter f =
        java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss.SSS")
            .withZone(java.time.ZoneOffset.UTC);
    int i = 0;
    while (i < slow.size()) {
      int j = i;
      long worst = 0;
      while (j < slow.size() && slow.get(j)[0] - slow.get(Math.max(i, j - 1))[0] < 20_000_000) {
        worst = Math.max(worst, slow.get(j)[1]);
        j++;
      }
      System.err.printf(
          Locale.ROOT,
          "stall %s scheduled over %.1f ms: %d requests over the threshold, worst %.1f%n",
          f.format(java.time.Instant.ofEpochMilli((slow.get(i)[0] + epochOffsetNanos) / 1_000_000)),
          (slow.get(j - 1)[0] - slow.get(i)[0]) / 1e6,
          j - i,
          worst / 1e6);
      i = j;
    }
  }

  private String summary(double rate, double seconds) {
    long[] sorted = Arrays.copyOf(latencies, count);
    Arrays.sort(sorted);
    return String.format(
        Locale.ROOT,
        "offered=%.0f achieved=%.0f requests=%d late=%d non2xx=%d p50_ms=%.2f p90_ms=%.2f"
            + " p99_ms=%.2f p999_ms=%.2f max_ms=%.2f",
        rate,
        completedInWindow / seconds,
        count,
        late,
        non2xx,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        pct(sorted, 0.999),
        sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))] / 1e6;
  }

  /** One keep-alive connection and the response being read on it. */
  private static final class Conn {
    final SocketChannel ch;
    final ByteBuffer in = ByteBuffer.allocate(1 << 16);
    long scheduled;
    long sentAt;
    ByteBuffer pendingWrite;

    Conn(SocketChannel ch, long scheduled) {
      this.ch = ch;
      this.scheduled = scheduled;
    }

    /**
     * The status of the response at the start of {@link #in} once all of it is in, which is then
     * consumed; -1 while it is incomplete.
     */
    int responseComplete() {
      byte[] a = in.array();
      int len = in.position();
      int headerEnd = -1;
      for (int i = 3; i < len; i++) {
        if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r') {
          headerEnd = i + 1;
          break;
        }
      }
      if (headerEnd < 0) {
        return -1;
      }
      String head = new String(a, 0, headerEnd, StandardCharsets.US_ASCII);
      int status = Integer.parseInt(head.substring(9, 12));
      int contentLength = 0;
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
          contentLength = Integer.parseInt(line.substring(colon + 1).trim());
        }
      }
      int total = headerEnd + contentLength;
      if (len < total) {
        return -1;
      }
      System.arraycopy(a, total, a, 0, len - total);
      in.position(len - total);
      return status;
    }
  }
}
