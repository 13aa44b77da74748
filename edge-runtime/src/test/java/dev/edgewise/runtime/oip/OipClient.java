package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.model.Matrix;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A minimal OIP v2 client over java.net.http for concurrent tests. */
final class OipClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI base;

  /** One inference answer: status, the version that answered, and the logits. */
  record Answer(int status, String version, Matrix logits, String body) {}

  OipClient(URI base) {
    this.base = base;
  }

  Answer infer(Matrix rows) throws IOException, InterruptedException {
    HttpResponse<String> r = post("v2/models/digits/infer", Json.request(rows));
    if (r.statusCode() != 200) {
      return new Answer(r.statusCode(), null, null, r.body());
    }
    JsonNode body = JSON.readTree(r.body());
    JsonNode out = body.get("outputs").get(0);
    JsonNode data = out.get("data");
    float[] values = new float[data.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) data.get(i).asDouble();
    }
    int n = out.get("shape").get(0).asInt();
    return new Answer(
        200, body.get("model_version").asText(), new Matrix(values, n, values.length / n), null);
  }

  String get(String path) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.ofString());
  }
}
