package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cloud that refuses connections: with threshold 1 and a 100% budget every row is sent, and the
 * request still answers 200 with the edge's rows marked {@code edge-fallback}.
 */
@QuarkusTest
@TestProfile(CloudDownHttpTest.CloudDown.class)
class CloudDownHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);

  /** A cloud URL on a port nothing listens on; every hard row may go (threshold 1). */
  public static class CloudDown implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Map.of(
          "edgewise.collaboration.cloud-url", "http://127.0.0.1:" + port,
          "edgewise.collaboration.confidence-threshold", "1",
          "edgewise.collaboration.offload-budget-percent", "100");
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Test
  void connectionRefusedLeavesTheEdgeRowsMarkedFallback() throws Exception {
    HttpResponse<String> r =
        new OipClient(base).post("v2/models/digits/infer", Json.request(PARITY.inputs()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(r.body());
    // Threshold 1: every row below certainty is hard; the student is never exactly certain here.
    assertThat(body.at("/parameters/edgewise.answered_by").asText())
        .isEqualTo(String.join(",", java.util.Collections.nCopies(20, "edge-fallback")));
    assertThat(body.at("/parameters/edgewise.offloaded_rows").asInt()).isZero();
    JsonNode data = body.at("/outputs/0/data");
    for (int i = 0; i < 200; i++) {
      assertThat((float) data.get(i).asDouble())
          .isCloseTo(PARITY.logits().data()[i], within(1e-4f));
    }
    assertThat(new OipClient(base).get("q/metrics"))
        .contains("edgewise_offload_rows_total{outcome=\"fallback\"} 20.0");
  }
}
