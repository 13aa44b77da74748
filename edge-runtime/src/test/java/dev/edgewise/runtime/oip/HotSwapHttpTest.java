package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.Digests;
import dev.edgewise.runtime.model.Matrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Hot swap through {@code POST /v2/repository/models/digits/load} while clients keep sending: no
 * request fails, and every answer's logits belong to the version it names (student or CNN).
 */
@QuarkusTest
class HotSwapHttpTest {

  private static final Fixtures.Parity STUDENT = Fixtures.parity(Fixtures.STUDENT);
  private static final Fixtures.Parity CNN = Fixtures.parity(Fixtures.CNN);

  @TestHTTPResource("/")
  URI base;

  @Test
  void swapsUnderContinuousLoadWithoutAFailedRequest() throws Exception {
    OipClient client = new OipClient(base);
    AtomicBoolean stop = new AtomicBoolean();
    List<String> failures = new CopyOnWriteArrayList<>();
    Map<String, AtomicInteger> byVersion = new ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        int offset = c;
        clients.add(
            pool.submit(
                () -> {
                  int q = 0;
                  while (!stop.get() && q < 20_000) {
                    int row = (offset + q++) % 20;
                    try {
                      OipClient.Answer a = client.infer(STUDENT.inputs().rows(row, 1));
                      if (a.status() != 200) {
                        failures.add(a.status() + " " + a.body());
                        continue;
                      }
                      byVersion
                          .computeIfAbsent(a.version(), v -> new AtomicInteger())
                          .incrementAndGet();
                      Matrix expected = (a.version().equals("2") ? CNN : STUDENT).logits();
                      for (int k = 0; k < 10; k++) {
                        if (Math.abs(a.logits().data()[k] - expected.data()[row * 10 + k]) > 1e-4) {
                          failures.add("version " + a.version() + " answered wrong logits");
                          break;
                        }
                      }
                    } catch (Exception e) {
                      failures.add(e.toString());
                    }
                  }
                  return null;
                }));
      }
      waitForAnswers(byVersion, "1", 50);
      load("2", Fixtures.CNN);
      waitForAnswers(byVersion, "2", 50);
      load("1", Fixtures.STUDENT);
      int before = byVersion.get("1").get();
      waitForAnswers(byVersion, "1", before + 50);
      stop.set(true);
      for (Future<?> f : clients) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    assertThat(failures).isEmpty();
    assertThat(byVersion).containsKeys("1", "2");
  }

  @Test
  void refusesADigestMismatchAndKeepsServingTheCurrentVersion() throws Exception {
    OipClient client = new OipClient(base);
    HttpResponse<String> r =
        client.post(
            "v2/repository/models/digits/load",
            "{\"path\":\""
                + Fixtures.CNN
                + "\",\"version\":\"9\",\"sha256\":\""
                + "0".repeat(64)
                + "\"}");
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(r.body()).contains("sha256 mismatch");
    OipClient.Answer a = client.infer(STUDENT.inputs().rows(0, 1));
    assertThat(a.version()).isEqualTo("1");
    assertThat(a.logits().data()[0]).isCloseTo(STUDENT.logits().data()[0], within(1e-4f));
  }

  @Test
  void loadRequestMistakesAreClientErrors() throws Exception {
    OipClient client = new OipClient(base);
    assertThat(
            client
                .post("v2/repository/models/other/load", "{\"path\":\"x\",\"version\":\"2\"}")
                .statusCode())
        .isEqualTo(404);
    assertThat(client.post("v2/repository/models/digits/load", "{\"path\":\"x\"}").body())
        .contains("needs a version");
    HttpResponse<String> missing =
        client.post("v2/repository/models/digits/load", "{\"path\":\"nope.pt\",\"version\":\"2\"}");
    assertThat(missing.statusCode()).isEqualTo(422);
    assertThat(missing.body()).contains("not found");
    HttpResponse<String> scheme =
        client.post(
            "v2/repository/models/digits/load", "{\"uri\":\"ftp://x/y.pt\",\"version\":\"2\"}");
    assertThat(scheme.statusCode()).isEqualTo(400);
    assertThat(scheme.body()).contains("unsupported uri scheme");
  }

  @Test
  void servesACompressedArtifactDirectly(@org.junit.jupiter.api.io.TempDir Path out)
      throws Exception {
    dev.edgewise.runtime.compress.Compressor.Written w =
        new dev.edgewise.runtime.compress.Compressor(new dev.edgewise.runtime.model.ModelLoader(64))
            .compress(
                new dev.edgewise.runtime.model.ModelSource(
                    "digits",
                    "c",
                    Fixtures.STUDENT,
                    dev.edgewise.runtime.model.ModelFormat.TorchScript,
                    java.util.Optional.empty()),
                dev.edgewise.runtime.compress.CompressionMethod.Int8,
                0,
                out);
    try {
      load("3", w.artifact());
      OipClient.Answer a = new OipClient(base).infer(STUDENT.inputs());
      assertThat(a.version()).isEqualTo("3");
      for (int r = 0; r < 20; r++) {
        assertThat(dev.edgewise.runtime.tools.Evaluator.argmax(a.logits().row(r)))
            .isEqualTo(dev.edgewise.runtime.tools.Evaluator.argmax(STUDENT.logits().row(r)));
      }
      assertThat(new OipClient(base).post("v2/repository/index", "").body())
          .contains("\"version\":\"3\"");
    } finally {
      load("1", Fixtures.STUDENT);
    }
  }

  private void load(String version, Path path) throws Exception {
    HttpResponse<String> r =
        new OipClient(base)
            .post(
                "v2/repository/models/digits/load",
                "{\"uri\":\""
                    + path.toAbsolutePath().toUri()
                    + "\",\"version\":\""
                    + version
                    + "\",\"sha256\":\""
                    + Digests.sha256Hex(path)
                    + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("\"version\":\"" + version + "\"");
  }

  private static void waitForAnswers(Map<String, AtomicInteger> byVersion, String version, int n)
      throws InterruptedException {
    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (byVersion.getOrDefault(version, new AtomicInteger()).get() < n) {
      if (System.nanoTime() > giveUp) {
        throw new AssertionError("no " + n + " answers from version " + version + " within 60 s");
      }
      Thread.sleep(20);
    }
  }
}
