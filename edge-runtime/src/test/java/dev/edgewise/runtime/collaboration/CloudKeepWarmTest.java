package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.runtime.model.Tensor;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The connection to the cloud is opened at start, reused by the first inference, kept in use while
 * idle, and a cloud that is down costs nothing but a log line. Over real HTTP against {@link
 * CloudStandIn}.
 */
class CloudKeepWarmTest {

  private static final String READY = "GET /v2/health/ready ";
  private static final String INFER = "POST /v2/models/digits/infer ";

  private Vertx vertx;
  private CloudStandIn standIn;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    standIn = new CloudStandIn();
  }

  @AfterEach
  void stop() {
    standIn.stop();
    vertx.close().toCompletionStage().toCompletableFuture().join();
  }

  private CloudClient client(URI url) {
    return new CloudClient(vertx, url, "digits", Duration.ofSeconds(5), new CloudCodec());
  }

  /** Waits up to 30 s for {@code condition}: only a bound for a broken build, never a measure. */
  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(until);
      Thread.sleep(10);
    }
  }

  private static String port(String seenLine) {
    return seenLine.substring(seenLine.lastIndexOf(' ') + 1);
  }

  @Test
  void startOpensAConnectionThatTheFirstInferenceReuses() throws Exception {
    URI url = URI.create(standIn.start().get("edgewise.collaboration.cloud-url"));
    try (CloudClient cloud = client(url);
        CloudKeepWarm warm = new CloudKeepWarm(vertx, cloud, Duration.ofHours(1))) {
      warm.start();
      await("the readiness check", () -> Boolean.TRUE.equals(warm.reachable()));
      List<String> before = standIn.seen();
      assertThat(before).hasSize(1).allMatch(l -> l.startsWith(READY));
      Tensor answer =
          cloud
              .infer(
                  List.of(Tensor.ofFloats("input", new long[] {1, 64}, new float[64])),
                  "r1",
                  List.of(Tensor.ofFloats("logits", new long[] {1, 10}, new float[10])))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS)
              .get(0);
      assertThat((float) answer.value(0)).isEqualTo(CloudStandIn.known(0, 0));
      List<String> after = standIn.seen();
      assertThat(after).hasSize(2);
      assertThat(after.get(1)).startsWith(INFER);
      // The same client port: the inference went over the connection the check opened.
      assertThat(port(after.get(1))).isEqualTo(port(after.get(0)));
    }
  }

  @Test
  void anIdleCloudIsAskedAgainEveryPeriodOverTheSameConnection() throws Exception {
    URI url = URI.create(standIn.start().get("edgewise.collaboration.cloud-url"));
    try (CloudClient cloud = client(url);
        CloudKeepWarm warm = new CloudKeepWarm(vertx, cloud, Duration.ofMillis(20))) {
      warm.start();
      await("three readiness checks", () -> standIn.seen().size() >= 3);
      List<String> seen = standIn.seen();
      assertThat(seen).allMatch(l -> l.startsWith(READY));
      // Checks reuse the connection rather than opening one each.
      assertThat(seen.stream().map(CloudKeepWarmTest::port).distinct().count())
          .isLessThan(seen.size());
    }
  }

  @Test
  void aCloudThatIsDownIsReportedNotThrown() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    try (CloudClient cloud = client(URI.create("http://127.0.0.1:" + port));
        CloudKeepWarm warm = new CloudKeepWarm(vertx, cloud, Duration.ofHours(1))) {
      warm.start();
      await("the failed readiness check", () -> Boolean.FALSE.equals(warm.reachable()));
    }
  }
}
