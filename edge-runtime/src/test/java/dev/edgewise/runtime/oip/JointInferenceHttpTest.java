package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.collaboration.CloudStandIn;
import dev.edgewise.runtime.collaboration.Confidence;
import dev.edgewise.runtime.collaboration.HardExampleLog;
import dev.edgewise.runtime.model.Matrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Joint inference over real HTTP: the real student model on the edge, a cloud stand-in over real
 * HTTP, threshold 0.9 and a 1.5 s deadline. Confident rows stay the edge's, hard rows take the
 * cloud's rows; a slow, failing or garbled cloud leaves the edge's rows marked {@code
 * edge-fallback}; hard rows are kept as JSON lines.
 */
@QuarkusTest
@TestProfile(JointInferenceHttpTest.WithCloud.class)
class JointInferenceHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Collaboration on, against the stand-in this profile starts. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(CloudStandIn.class));
    }
  }

  @TestHTTPResource("/")
  URI base;

  @ConfigProperty(name = "edgewise.collaboration.cloud-url")
  String cloudUrl;

  @ConfigProperty(name = "edgewise.collaboration.hard-examples-dir")
  Path hardExamplesDir;

  /** The parity rows whose student confidence is below 0.9: the ones that must go. */
  private static List<Integer> hardRows() {
    float[] confidence = Confidence.ofRows(PARITY.logits());
    List<Integer> hard = new ArrayList<>();
    for (int r = 0; r < confidence.length; r++) {
      if (confidence[r] < 0.9f) {
        hard.add(r);
      }
    }
    return hard;
  }

  private HttpResponse<String> cloud(String path, String body) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(cloudUrl + path));
    req = body == null ? req.GET() : req.POST(HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void cloudMode(String mode) throws Exception {
    assertThat(cloud("/mode/" + mode, "").statusCode()).isEqualTo(200);
  }

  private JsonNode infer() throws Exception {
    HttpResponse<String> r =
        new OipClient(base).post("v2/models/digits/infer", Json.request(PARITY.inputs()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static String marks(List<Integer> hard, String hardMark) {
    List<String> m = new ArrayList<>();
    for (int r = 0; r < PARITY.inputs().rows(); r++) {
      m.add(hard.contains(r) ? hardMark : "edge");
    }
    return String.join(",", m);
  }

  private static void assertEdgeRows(JsonNode body, List<Integer> except) {
    JsonNode data = body.at("/outputs/0/data");
    assertThat(data.size()).isEqualTo(200);
    for (int r = 0; r < 20; r++) {
      if (except.contains(r)) {
        continue;
      }
      for (int j = 0; j < 10; j++) {
        assertThat((float) data.get(r * 10 + j).asDouble())
            .isCloseTo(PARITY.logits().data()[r * 10 + j], within(1e-4f));
      }
    }
  }

  @Test
  void confidentRowsStayOnTheEdgeAndHardRowsTakeTheCloudsRows() throws Exception {
    List<Integer> hard = hardRows();
    assertThat(hard).isNotEmpty().hasSizeLessThan(20);
    cloudMode("OK");
    JsonNode body = infer();
    assertThat(body.at("/parameters/edgewise.answered_by").asText())
        .isEqualTo(marks(hard, "cloud"));
    assertThat(body.at("/parameters/edgewise.offloaded_rows").asInt()).isEqualTo(hard.size());
    assertThat(body.get("model_version").asText()).isEqualTo("1");
    assertEdgeRows(body, hard);
    JsonNode data = body.at("/outputs/0/data");
    for (int k = 0; k < hard.size(); k++) {
      for (int j = 0; j < 10; j++) {
        assertThat((float) data.get(hard.get(k) * 10 + j).asDouble())
            .isEqualTo(CloudStandIn.known(k, j));
      }
    }
    // The cloud got exactly the hard rows, in one FP32 [k, 64] request.
    JsonNode sent = JSON.readTree(cloud("/last", null).body()).at("/inputs/0");
    assertThat(sent.get("datatype").asText()).isEqualTo("FP32");
    assertThat(sent.get("shape").toString()).isEqualTo("[" + hard.size() + ",64]");
    for (int k = 0; k < hard.size(); k++) {
      for (int c = 0; c < 64; c++) {
        assertThat((float) sent.get("data").get(k * 64 + c).asDouble())
            .isEqualTo(PARITY.inputs().data()[hard.get(k) * 64 + c]);
      }
    }
  }

  @Test
  void theBinaryPathIsAnsweredJointlyToo() throws Exception {
    List<Integer> hard = hardRows();
    cloudMode("OK");
    Matrix m = PARITY.inputs();
    String header =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[20,64],\"datatype\":\"FP32\","
            + "\"parameters\":{\"binary_data_size\":5120}}]}";
    byte[] json = header.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(json.length + 5120).order(ByteOrder.LITTLE_ENDIAN);
    b.put(json);
    for (float f : m.data()) {
      b.putFloat(f);
    }
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("v2/models/digits/infer"))
            .header("Content-Type", "application/octet-stream")
            .header("Inference-Header-Content-Length", Integer.toString(json.length))
            .POST(HttpRequest.BodyPublishers.ofByteArray(b.array()))
            .build();
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/parameters/edgewise.answered_by").asText())
        .isEqualTo(marks(hard, "cloud"));
    assertThat(body.at("/parameters/edgewise.offloaded_rows").asInt()).isEqualTo(hard.size());
    assertThat((float) body.at("/outputs/0/data").get(hard.get(0) * 10).asDouble())
        .isEqualTo(CloudStandIn.known(0, 0));
    assertEdgeRows(body, hard);
  }

  @Test
  void aCloudSlowerThanTheDeadlineLeavesTheEdgeRowsMarkedFallback() throws Exception {
    List<Integer> hard = hardRows();
    cloudMode("SLOW");
    try {
      long start = System.nanoTime();
      JsonNode body = infer();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(body.at("/parameters/edgewise.answered_by").asText())
          .isEqualTo(marks(hard, "edge-fallback"));
      assertThat(body.at("/parameters/edgewise.offloaded_rows").asInt()).isZero();
      assertEdgeRows(body, List.of());
      // Generous: the cloud takes 10 s, the deadline is 1.5 s; the request must not wait for it.
      assertThat(millis).isLessThan(CloudStandIn.SLOW_MILLIS - 3_000);
    } finally {
      cloudMode("OK");
    }
  }

  @Test
  void aCloudAnswering500OrGarbageOrTheWrongShapeLeavesTheEdgeRowsMarkedFallback()
      throws Exception {
    List<Integer> hard = hardRows();
    try {
      for (String mode : new String[] {"ERROR", "GARBAGE", "SHAPE"}) {
        cloudMode(mode);
        JsonNode body = infer();
        assertThat(body.at("/parameters/edgewise.answered_by").asText())
            .as(mode)
            .isEqualTo(marks(hard, "edge-fallback"));
        assertEdgeRows(body, List.of());
      }
    } finally {
      cloudMode("OK");
    }
    String metrics = new OipClient(base).get("q/metrics");
    assertThat(metrics)
        .contains("edgewise_offload_rows_total{outcome=\"fallback\"}")
        .contains("edgewise_offload_rows_total{outcome=\"cloud\"}")
        .contains("edgewise_cloud_latency_seconds_count{result=\"error\"}")
        .contains("edgewise_hard_examples_written_total");
  }

  /**
   * The runtime's lines of {@code config/monitoring/exposed-metrics.txt}, which the chart's Grafana
   * dashboard and alerts may use, are exactly the {@code edgewise_*} series this runtime exposes,
   * with the same label keys: a renamed meter or label fails here.
   */
  @Test
  void theSeriesTheChartsDashboardAndAlertsUseAreTheOnesScraped() throws Exception {
    cloudMode("OK");
    infer();

    Map<String, Set<String>> scraped = new TreeMap<>();
    Matcher series =
        Pattern.compile("^(edgewise_[a-zA-Z0-9_]+)(\\{([^}]*)\\})? ", Pattern.MULTILINE)
            .matcher(new OipClient(base).get("q/metrics"));
    while (series.find()) {
      Set<String> labels = scraped.computeIfAbsent(series.group(1), n -> new TreeSet<>());
      if (series.group(3) != null) {
        Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(series.group(3));
        while (label.find()) {
          labels.add(label.group(1));
        }
      }
    }
    Map<String, Set<String>> listed = new TreeMap<>();
    for (String line : Files.readAllLines(Path.of("..", "config/monitoring/exposed-metrics.txt"))) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals("runtime")) {
        listed.put(words[1], new TreeSet<>(List.of(words).subList(2, words.length)));
      }
    }

    assertThat(scraped).isEqualTo(listed);
  }

  @Test
  void hardRowsAreKeptAsJsonLines() throws Exception {
    List<Integer> hard = hardRows();
    cloudMode("OK");
    infer();
    Path file = hardExamplesDir.resolve(HardExampleLog.FILE_NAME);
    List<JsonNode> cloudLines = new ArrayList<>();
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      cloudLines.clear();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          JsonNode n = JSON.readTree(line);
          if (n.get("outcome").asText().equals("cloud")) {
            cloudLines.add(n);
          }
        }
      }
      if (cloudLines.size() >= hard.size()) {
        break;
      }
      Thread.sleep(50);
    }
    assertThat(cloudLines).hasSizeGreaterThanOrEqualTo(hard.size());
    // Every hard row of the request is in the file with its input, edge and cloud rows.
    for (int k = 0; k < hard.size(); k++) {
      int row = hard.get(k);
      float first = CloudStandIn.known(k, 0);
      float[] input = PARITY.inputs().row(row);
      assertThat(cloudLines)
          .anySatisfy(
              n -> {
                float[] kept = new float[64];
                for (int c = 0; c < 64; c++) {
                  kept[c] = (float) n.get("input").get("input").get(c).asDouble();
                }
                assertThat(kept).containsExactly(input);
                assertThat((float) n.get("edge").get(0).asDouble())
                    .isCloseTo(PARITY.logits().data()[row * 10], within(1e-4f));
                assertThat((float) n.get("cloud").get(0).asDouble()).isEqualTo(first);
                assertThat(n.get("model").asText()).isEqualTo("digits");
                assertThat(n.get("confidence").asDouble()).isLessThan(0.9);
              });
    }
  }
}
