package dev.edgewise.runtime.tools.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.edgewise.runtime.model.Digests;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fetcher against a local HTTP server that drops connections mid-body, stalls, supports Range
 * and serves wrong bytes.
 */
class FetcherTest {

  private static final Fetcher.Options FAST =
      new Fetcher.Options(
          Duration.ofSeconds(2),
          Duration.ofMillis(500),
          4,
          Duration.ofMillis(10),
          Duration.ofMillis(50));

  @TempDir Path cache;

  private final byte[] artifact = new byte[300_000];
  private final String digest;
  private final List<String> ranges = new CopyOnWriteArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch stallRelease = new CountDownLatch(1);
  private HttpServer server;
  private java.util.concurrent.ExecutorService handlers;
  private volatile int dropFirst;

  FetcherTest() {
    new Random(42).nextBytes(artifact);
    digest = Digests.sha256Hex(artifact);
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/model.pt", this::serve);
    server.createContext("/stall", this::stall);
    server.createContext(
        "/missing",
        ex -> {
          requests.incrementAndGet();
          ex.sendResponseHeaders(404, -1);
          ex.close();
        });
    handlers = java.util.concurrent.Executors.newCachedThreadPool();
    server.setExecutor(handlers);
    server.start();
  }

  @AfterEach
  void stop() {
    stallRelease.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  /** Serves the artifact with Range support; the first {@code dropFirst} responses stop midway. */
  private void serve(HttpExchange ex) throws IOException {
    int n = requests.incrementAndGet();
    String range = ex.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    int from = 0;
    if (range != null && range.startsWith("bytes=")) {
      from = Integer.parseInt(range.substring(6, range.indexOf('-')));
      ex.getResponseHeaders()
          .add(
              "Content-Range",
              "bytes " + from + "-" + (artifact.length - 1) + "/" + artifact.length);
      ex.sendResponseHeaders(206, artifact.length - from);
    } else {
      ex.sendResponseHeaders(200, artifact.length);
    }
    OutputStream out = ex.getResponseBody();
    int remaining = artifact.length - from;
    if (n <= dropFirst) {
      out.write(artifact, from, remaining / 2);
      out.flush();
      // Closing with fewer bytes than announced makes the server drop the connection.
      try {
        out.close();
      } catch (IOException expected) {
        // the short write is the point of this handler
      }
      return;
    }
    out.write(artifact, from, remaining);
    out.close();
  }

  private void stall(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    ex.sendResponseHeaders(200, artifact.length);
    ex.getResponseBody().write(artifact, 0, 1000);
    ex.getResponseBody().flush();
    try {
      stallRelease.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    ex.close();
  }

  @Test
  void resumesADroppedDownloadWithARangeRequestAndVerifiesIt() throws Exception {
    dropFirst = 2;
    Path got = new Fetcher(FAST).fetch(uri("/model.pt"), digest, cache);
    assertThat(got).isEqualTo(Fetcher.cachedPath(cache, digest));
    assertThat(Files.readAllBytes(got)).isEqualTo(artifact);
    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0)).isEmpty();
    assertThat(ranges.get(1)).isEqualTo("bytes=150000-");
    assertThat(ranges.get(2)).isEqualTo("bytes=225000-");
    assertNoPartFiles();
  }

  @Test
  void secondFetchOfTheSameDigestUsesTheCache() throws Exception {
    Fetcher fetcher = new Fetcher(FAST);
    fetcher.fetch(uri("/model.pt"), digest, cache);
    fetcher.fetch(uri("/model.pt"), "sha256:" + digest.toUpperCase(), cache);
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void refusesADigestMismatchAndLeavesNothingBehind() {
    String wrong = "0".repeat(64);
    assertThatThrownBy(() -> new Fetcher(FAST).fetch(uri("/model.pt"), wrong, cache))
        .isInstanceOf(DigestMismatchException.class)
        .hasMessageContaining("expected " + wrong)
        .hasMessageContaining("downloaded " + digest);
    assertThat(Fetcher.cachedPath(cache, wrong)).doesNotExist();
    assertNoPartFiles();
  }

  @Test
  void aStalledServerTimesOutInsteadOfHanging() {
    Fetcher.Options twoTries =
        new Fetcher.Options(
            Duration.ofSeconds(2),
            Duration.ofMillis(300),
            2,
            Duration.ofMillis(10),
            Duration.ofMillis(10));
    assertThatThrownBy(() -> new Fetcher(twoTries).fetch(uri("/stall"), digest, cache))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("after 2 attempts");
    assertThat(requests.get()).isEqualTo(2);
    assertThat(Fetcher.cachedPath(cache, digest)).doesNotExist();
  }

  @Test
  void clientErrorsAreNotRetried() {
    assertThatThrownBy(() -> new Fetcher(FAST).fetch(uri("/missing"), digest, cache))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("HTTP 404");
    assertThat(requests.get()).isEqualTo(1);
  }

  @Test
  void fetchesFileUris(@TempDir Path src) throws Exception {
    Path file = src.resolve("m.pt");
    Files.write(file, artifact);
    Path got = new Fetcher(FAST).fetch(file.toUri(), digest, cache);
    assertThat(Files.readAllBytes(got)).isEqualTo(artifact);
  }

  @Test
  void rejectsMalformedDigestsAndSchemes() {
    assertThatThrownBy(() -> new Fetcher(FAST).fetch(uri("/model.pt"), "abc", cache))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex");
    assertThatThrownBy(() -> new Fetcher(FAST).fetch(URI.create("ftp://x/y"), digest, cache))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ftp");
  }

  private void assertNoPartFiles() {
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.map(Path::toString)).noneMatch(p -> p.endsWith(".part"));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
