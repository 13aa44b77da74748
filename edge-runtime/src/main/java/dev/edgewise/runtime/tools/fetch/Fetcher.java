package dev.edgewise.runtime.tools.fetch;

import dev.edgewise.runtime.model.Digests;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Downloads an artifact once per sha256 into a cache directory: {@code <cache>/sha256/<hex>}. An
 * interrupted download resumes from its {@code .part} file with an HTTP Range request; the result
 * is verified before an atomic rename, so no partial or wrong file is ever visible under its final
 * name. Every network wait is bounded by connect and read timeouts, and failures are retried with
 * exponential backoff.
 */
public final class Fetcher {

  private static final Logger LOG = Logger.getLogger(Fetcher.class);
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  private final Options options;

  /**
   * Timeouts and retry policy.
   *
   * @param connectTimeout longest wait to connect
   * @param readTimeout longest wait for the next bytes; a stalled server fails the attempt
   * @param maxAttempts attempts before giving up (resuming each time)
   * @param initialBackoff wait after the first failure, doubled after each further failure
   * @param maxBackoff cap on the wait between attempts
   */
  public record Options(
      Duration connectTimeout,
      Duration readTimeout,
      int maxAttempts,
      Duration initialBackoff,
      Duration maxBackoff) {

    /** 10 s connect, 30 s read, 5 attempts, backoff from 1 s to 30 s. */
    public static Options defaults() {
      return new Options(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          5,
          Duration.ofSeconds(1),
          Duration.ofSeconds(30));
    }
  }

  /** Creates a fetcher with the given policy. */
  public Fetcher(Options options) {
    if (options.maxAttempts() < 1) {
      throw new IllegalArgumentException("max attempts must be >= 1");
    }
    this.options = options;
  }

  /** Where an artifact with this digest lives in the cache. */
  public static Path cachedPath(Path cacheDir, String sha256) {
    return cacheDir.resolve("sha256").resolve(normalize(sha256));
  }

  /**
   * Returns the cached artifact for {@code sha256}, downloading it from {@code uri} first if
   * needed.
   *
   * @throws IllegalArgumentException for a malformed digest or an unsupported scheme
   * @throws DigestMismatchException when the download does not match {@code sha256}
   * @throws IOException when the download fails after all attempts
   */
  public Path fetch(URI uri, String sha256, Path cacheDir) throws IOException {
    String expected = normalize(sha256);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw new IllegalArgumentException(
          "unsupported uri scheme '" + scheme + "'; use http://, https:// or file://");
    }
    Path dir = cacheDir.resolve("sha256");
    Files.createDirectories(dir);
    Path target = dir.resolve(expected);
    Path part = dir.resolve(expected + ".part");
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(expected + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (Files.isRegularFile(target)) {
        String actual = Digests.sha256Hex(target);
        if (actual.equals(expected)) {
          LOG.infof("artifact sha256:%s already cached at %s", expected, target);
          return target;
        }
        LOG.warnf("cached %s has sha256 %s, not its name; fetching again", target, actual);
        Files.delete(target);
      }
      download(uri, expected, part);
      try {
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("cache directory " + dir + " does not support atomic rename", e);
      }
      LOG.infof("artifact sha256:%s fetched from %s into %s", expected, uri, target);
      return target;
    }
  }

  private void download(URI uri, String expected, Path part) throws IOException {
    IOException last = null;
    boolean restartedAfterMismatch = false;
    Duration backoff = options.initialBackoff();
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      try {
        boolean resumed = transfer(uri, part);
        String actual = Digests.sha256Hex(part);
        if (actual.equals(expected)) {
          return;
        }
        Files.deleteIfExists(part);
        if (resumed && !restartedAfterMismatch) {
          // A resumed file may be corrupt if the server changed it; try once from scratch.
          restartedAfterMismatch = true;
          LOG.warnf("resumed download of %s has the wrong digest; starting over", uri);
          continue;
        }
        throw new DigestMismatchException(uri.toString(), expected, actual);
      } catch (DigestMismatchException | PermanentFailure e) {
        throw e;
      } catch (IOException e) {
        last = e;
        LOG.warnf(
            "fetch attempt %d/%d of %s failed: %s",
            attempt, options.maxAttempts(), uri, e.toString());
        if (attempt < options.maxAttempts()) {
          sleep(backoff);
          backoff = backoff.multipliedBy(2);
          if (backoff.compareTo(options.maxBackoff()) > 0) {
            backoff = options.maxBackoff();
          }
        }
      }
    }
    throw new IOException(
        "giving up on "
            + uri
            + " after "
            + options.maxAttempts()
            + " attempts: "
            + last.getMessage(),
        last);
  }

  /** Transfers the remaining bytes into {@code part}; returns whether it resumed a partial file. */
  private boolean transfer(URI uri, Path part) throws IOException {
    if (uri.getScheme().equalsIgnoreCase("file")) {
      try (InputStream in = Files.newInputStream(Path.of(uri))) {
        writeAll(in, part, false, -1);
      }
      return false;
    }
    long have = Files.exists(part) ? Files.size(part) : 0;
    HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
    c.setConnectTimeout((int) options.connectTimeout().toMillis());
    c.setReadTimeout((int) options.readTimeout().toMillis());
    c.setInstanceFollowRedirects(true);
    if (have > 0) {
      c.setRequestProperty("Range", "bytes=" + have + "-");
    }
    try {
      int status = c.getResponseCode();
      if (status == 416) {
        Files.deleteIfExists(part);
        throw new IOException("server refused the range starting at " + have + "; restarting");
      }
      if (status >= 400) {
        String message = "GET " + uri + " answered HTTP " + status;
        if (status >= 500 || status == 408 || status == 429) {
          throw new IOException(message);
        }
        throw new PermanentFailure(message);
      }
      boolean append = have > 0 && status == 206;
      long expectedLength = c.getContentLengthLong();
      try (InputStream in = c.getInputStream()) {
        writeAll(in, part, append, expectedLength);
      }
      return append;
    } finally {
      c.disconnect();
    }
  }

  private static void writeAll(InputStream in, Path part, boolean append, long expectedLength)
      throws IOException {
    long written = 0;
    try (FileChannel ch =
            FileChannel.open(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
      byte[] buf = new byte[64 * 1024];
      int n;
      while ((n = in.read(buf)) >= 0) {
        out.write(buf, 0, n);
        written += n;
      }
      out.flush();
      ch.force(true);
    }
    if (expectedLength >= 0 && written < expectedLength) {
      throw new IOException(
          "connection closed after " + written + " of " + expectedLength + " bytes");
    }
  }

  private static void sleep(Duration d) throws IOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to retry", e);
    }
  }

  /** Lowercases and validates a hex sha256. */
  public static String normalize(String sha256) {
    String s = sha256 == null ? "" : sha256.trim().toLowerCase(Locale.ROOT);
    if (s.startsWith("sha256:")) {
      s = s.substring("sha256:".length());
    }
    if (!SHA256.matcher(s).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 hex characters, got '" + sha256 + "'");
    }
    return s;
  }

  /** A failure that retrying cannot fix (e.g. HTTP 404). */
  static final class PermanentFailure extends IOException {
    PermanentFailure(String message) {
      super(message);
    }
  }
}
