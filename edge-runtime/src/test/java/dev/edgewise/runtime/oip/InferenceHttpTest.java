package dev.edgewise.runtime.oip;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.Matrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OIP v2 endpoints over real HTTP, serving the real student TorchScript fixture. */
@QuarkusTest
class InferenceHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);

  @TestHTTPResource("/")
  URI base;

  @Test
  void healthAndMetadata() {
    given()
        .get("/v2/health/live")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("live", equalTo(true));
    given()
        .get("/v2/health/ready")
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("ready", equalTo(true));
    given().get("/v2").then().statusCode(200).body("name", equalTo("edgewise-edge-runtime"));
    given()
        .get("/v2/models/digits")
        .then()
        .statusCode(200)
        .body("name", equalTo("digits"))
        .body("versions", hasItem("1"))
        .body("platform", equalTo("pytorch_torchscript"))
        .body("inputs[0].name", equalTo("input"))
        .body("inputs[0].shape", equalTo(List.of(-1, 64)))
        .body("outputs[0].shape", equalTo(List.of(-1, 10)));
    given().get("/v2/models/digits/versions/1").then().statusCode(200);
    given().get("/v2/models/digits/ready").then().statusCode(200);
  }

  @Test
  void unknownModelVersionOrPathIs404WithJsonError() {
    given()
        .get("/v2/models/nope")
        .then()
        .statusCode(404)
        .contentType(ContentType.JSON)
        .body("error", containsString("unknown model 'nope'"));
    given()
        .get("/v2/models/digits/versions/9")
        .then()
        .statusCode(404)
        .body("error", containsString("no version '9'"));
    given()
        .contentType(ContentType.JSON)
        .body(Json.request(PARITY.inputs()))
        .post("/v2/models/nope/infer")
        .then()
        .statusCode(404)
        .body("error", containsString("unknown model 'nope'"));
    given().get("/v2/nothing/here").then().statusCode(404).contentType(ContentType.JSON);
  }

  @Test
  void inferenceMatchesPyTorchLogitsWithin1e4() {
    Response r =
        given()
            .contentType(ContentType.JSON)
            .body(Json.request(PARITY.inputs()))
            .post("/v2/models/digits/infer");
    r.then()
        .statusCode(200)
        .body("model_name", equalTo("digits"))
        .body("model_version", equalTo("1"))
        .body("id", equalTo("t"))
        .body("outputs[0].name", equalTo("logits"))
        .body("outputs[0].datatype", equalTo("FP32"))
        .body("outputs[0].shape", equalTo(List.of(20, 10)));
    // Collaboration is off: the response is exactly today's, with no joint-inference parameters.
    assertThat(r.jsonPath().getMap("$"))
        .containsOnlyKeys("model_name", "model_version", "id", "outputs");
    List<Float> data = r.jsonPath().getList("outputs[0].data", Float.class);
    assertThat(data).hasSize(200);
    for (int i = 0; i < 200; i++) {
      assertThat(data.get(i)).isCloseTo(PARITY.logits().data()[i], within(1e-4f));
    }
  }

  @Test
  void nestedDataIsAcceptedAndOtherDatatypesAreRefusedNotConverted() {
    Matrix row = PARITY.inputs().rows(0, 1);
    StringBuilder nested = new StringBuilder("[[");
    StringBuilder ints = new StringBuilder("[");
    for (int i = 0; i < 64; i++) {
      nested.append(i > 0 ? "," : "").append(row.data()[i]);
      ints.append(i > 0 ? "," : "").append(i % 2);
    }
    String nestedBody = Json.request("input", "FP32", new long[] {1, 64}, nested + "]]");
    List<Float> out =
        given()
            .contentType(ContentType.JSON)
            .body(nestedBody)
            .post("/v2/models/digits/versions/1/infer")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("outputs[0].data", Float.class);
    for (int i = 0; i < 10; i++) {
      assertThat(out.get(i)).isCloseTo(PARITY.logits().data()[i], within(1e-4f));
    }
    for (String other : List.of("INT64", "FP64", "FP16")) {
      given()
          .contentType(ContentType.JSON)
          .body(Json.request("input", other, new long[] {1, 64}, ints + "]"))
          .post("/v2/models/digits/infer")
          .then()
          .statusCode(400)
          .body(
              "error",
              equalTo(
                  "input 'input' has datatype "
                      + other
                      + "; model 'digits' takes FP32 (no conversion is made)"));
    }
  }

  private static byte[] binaryBody(Matrix m, int declaredBytes) {
    String header =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":["
            + m.rows()
            + ",64],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":"
            + declaredBytes
            + "}}]}";
    byte[] json = header.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(json.length + m.data().length * 4)
            .order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.put(json);
    for (float f : m.data()) {
      b.putFloat(f);
    }
    return b.array();
  }

  private static int headerLength(byte[] body) {
    int i = 0;
    while (body[i] != '}' || body[i + 1] != ']' || body[i + 2] != '}') {
      i++;
    }
    return i + 3;
  }

  @Test
  void binaryTensorDataExtensionMatchesPyTorchLogits() {
    byte[] body = binaryBody(PARITY.inputs(), 20 * 64 * 4);
    List<Float> data =
        given()
            .contentType("application/octet-stream")
            .header("Inference-Header-Content-Length", headerLength(body))
            .body(body)
            .post("/v2/models/digits/infer")
            .then()
            .statusCode(200)
            .body("outputs[0].shape", equalTo(List.of(20, 10)))
            .extract()
            .jsonPath()
            .getList("outputs[0].data", Float.class);
    for (int i = 0; i < 200; i++) {
      assertThat(data.get(i)).isCloseTo(PARITY.logits().data()[i], within(1e-4f));
    }
    given()
        .contentType("application/octet-stream")
        .body(body)
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(400)
        .body("error", containsString("Inference-Header-Content-Length"));
    byte[] lying = binaryBody(PARITY.inputs(), 20 * 64 * 4 + 4);
    given()
        .contentType("application/octet-stream")
        .header("Inference-Header-Content-Length", headerLength(lying))
        .body(lying)
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(400)
        .body("error", containsString("declares 5124 binary bytes"));
  }

  private static void badRequest(String body, String messagePart) {
    given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(400)
        .contentType(ContentType.JSON)
        .body("error", containsString(messagePart));
  }

  @Test
  void clientMistakesAre400WithAMessageNamingTheProblem() {
    String row = Json.values(PARITY.inputs().row(0));
    badRequest(Json.request("pixels", "FP32", new long[] {1, 64}, row), "unknown input 'pixels'");
    badRequest(
        Json.request("input", "BYTES", new long[] {1, 1}, "[\"abc\"]"),
        "input 'input' is BYTES, but model 'digits' declares no BYTES input: send FP32");
    badRequest(Json.request("input", "FP8", new long[] {1, 64}, row), "unsupported datatype 'FP8'");
    badRequest(
        Json.request("input", "FP32", new long[] {1, 63}, row),
        "input 'input' has shape [1, 63]; expected [-1, 64]");
    badRequest(Json.request("input", "FP32", new long[] {64}, row), "has shape [64]");
    badRequest(Json.request("input", "FP32", new long[] {2, 64}, row), "needs 128 values");
    badRequest(
        Json.request("input", "INT32", new long[] {1, 64}, row),
        "input 'input' is INT32 but element 0 is 0.0, not an integer");
    badRequest(
        Json.request("input", "FP32", new long[] {1, 64}, "[\"a\"]"),
        "element 0 must be a number, got a string");
    badRequest(
        Json.request("input", "FP32", new long[] {1, 64}, "{\"x\":1}"),
        "must be a number, got an object");
    badRequest("{\"inputs\": [", "malformed JSON");
    badRequest("{\"inputs\": 5}", "invalid request body");
    badRequest("{\"inputs\": []}", "no inputs");
    badRequest(
        "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,64],\"datatype\":\"FP32\",\"data\":"
            + row
            + "}],\"outputs\":[{\"name\":\"probs\"}]}",
        "unknown output 'probs'");
    badRequest(Json.request("input", "FP32", new long[] {5000, 64}, "[1]"), "at most 1024 rows");
  }

  @Test
  void emptyBodyAndWrongMediaTypeAreClientErrors() {
    given()
        .contentType(ContentType.JSON)
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(400)
        .body("error", containsString("empty"));
    given()
        .contentType(ContentType.TEXT)
        .body("hello")
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(415)
        .contentType(ContentType.JSON);
  }

  @Test
  void bodyOverTheLimitIs413WithJsonError() {
    String big = "[" + "0.5,".repeat(400_000) + "0.5]";
    given()
        .contentType(ContentType.JSON)
        .body(Json.request("input", "FP32", new long[] {1, 64}, big))
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(413)
        .body("error", containsString("larger than the limit of " + DIGITS_LIMIT + " bytes"))
        .body("error", containsString("edgewise.batching.max-rows-per-request"));
  }

  /** 1024 rows (max-rows-per-request) of 64 FP32 values of 18 characters, and 64 KiB. */
  private static final long DIGITS_LIMIT = 1024L * 64 * 18 + 65536;

  @Test
  void chunkedBodyOverTheLimitIs413WithTheSameJsonError() throws Exception {
    String big =
        Json.request("input", "FP32", new long[] {1, 64}, "[" + "0.5,".repeat(400_000) + "0.5]");
    HttpResponse<String> r = postChunked(big);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = new ObjectMapper().readTree(r.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    assertThat(body.get("error").asText())
        .contains("larger than the limit of " + DIGITS_LIMIT + " bytes");
  }

  @Test
  void chunkedBodyUnderTheLimitIsAnswered() throws Exception {
    HttpResponse<String> r = postChunked(Json.request(PARITY.inputs().rows(4, 2)));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode data = new ObjectMapper().readTree(r.body()).get("outputs").get(0).get("data");
    assertThat(data.size()).isEqualTo(20);
    for (int k = 0; k < 20; k++) {
      assertThat((float) data.get(k).asDouble())
          .isCloseTo(PARITY.logits().data()[40 + k], within(1e-4f));
    }
  }

  /** POSTs {@code body} with chunked transfer encoding (no Content-Length). */
  private HttpResponse<String> postChunked(String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve("v2/models/digits/infer"))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
            .build();
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void metricsArePublishedInPrometheusFormat() {
    String before = given().get("/q/metrics").then().statusCode(200).extract().asString();
    given()
        .contentType(ContentType.JSON)
        .body(Json.request(PARITY.inputs().rows(0, 3)))
        .post("/v2/models/digits/infer")
        .then()
        .statusCode(200);
    badRequest("{\"inputs\": []}", "no inputs");
    String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .contains("edgewise_infer_requests_total{status=\"200\"}")
        .contains("edgewise_infer_requests_total{status=\"400\"}")
        .contains("edgewise_infer_latency_seconds_bucket")
        .contains("edgewise_batch_rows_bucket")
        .contains("edgewise_queue_depth")
        .contains("edgewise_model_info{digest=")
        .contains("version=\"1\"")
        .contains("edgewise_model_load_seconds")
        // Micrometer's own HTTP-server timing is off: the runtime's meters count the requests.
        .doesNotContain("http_server_requests_seconds")
        // No cloud configured: no joint-inference meters.
        .doesNotContain("edgewise_offload_rows")
        .doesNotContain("edgewise_cloud_latency");
    assertThat(sample(metrics, "edgewise_infer_requests_total{status=\"200\"}"))
        .isGreaterThanOrEqualTo(
            sample(before, "edgewise_infer_requests_total{status=\"200\"}") + 1);
    assertThat(sample(metrics, "edgewise_infer_latency_seconds_count"))
        .isGreaterThanOrEqualTo(sample(before, "edgewise_infer_latency_seconds_count") + 2);
  }

  /** The value of a Prometheus sample line, 0 when absent. */
  private static double sample(String metrics, String series) {
    return metrics
        .lines()
        .filter(l -> l.startsWith(series + " "))
        .mapToDouble(l -> Double.parseDouble(l.substring(series.length() + 1).trim()))
        .findFirst()
        .orElse(0);
  }
}
