package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.Matrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Overload over real HTTP: a queue of four requests, and a batcher that gathers for half a second,
 * meets 24 clients at once. The requests beyond the queue get 503 with {@code Retry-After} and the
 * JSON error shape; every admitted request gets exactly its own rows.
 */
@QuarkusTest
@TestProfile(OverloadHttpTest.SmallQueue.class)
class OverloadHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CLIENTS = 24;
  private static final int QUEUE = 4;

  /** A four-request queue; batches gather for 500 ms unless 1,024 rows arrive first. */
  public static class SmallQueue implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "edgewise.batching.queue-capacity", Integer.toString(QUEUE),
          "edgewise.batching.max-batch-delay", "500ms",
          "edgewise.batching.max-batch-size", "1024");
    }
  }

  @TestHTTPResource("/")
  URI base;

  /** One client's request and its answer. */
  private record Call(int[] picks, HttpResponse<String> response) {}

  @Test
  void overloadAnswers503WithRetryAfterAndAdmittedRequestsGetTheirOwnRows() throws Exception {
    OipClient client = new OipClient(base);
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    int accepted = 0;
    int rejected = 0;
    try {
      // Normally the first round shows both outcomes; more rounds only guard against a stalled
      // machine delivering the requests more than half a second apart.
      for (int round = 0; round < 5 && (rejected == 0 || accepted == 0); round++) {
        for (Call call : fire(client, pool, round)) {
          int status = call.response().statusCode();
          if (status == 200) {
            assertOwnRows(call);
            accepted++;
          } else {
            assertRejectedLikeTheProtocolSays(call.response());
            rejected++;
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(rejected).as("requests refused with 503").isPositive();
    assertThat(accepted).as("requests answered with 200").isPositive();
  }

  private static List<Call> fire(OipClient client, ExecutorService pool, int round)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(CLIENTS);
    List<Future<Call>> calls = new ArrayList<>();
    for (int c = 0; c < CLIENTS; c++) {
      int n = 1 + c % 3;
      int[] picks = new int[n];
      float[] data = new float[n * 64];
      for (int r = 0; r < n; r++) {
        picks[r] = (round * CLIENTS * 3 + c * 3 + r) % PARITY.inputs().rows();
        System.arraycopy(PARITY.inputs().row(picks[r]), 0, data, r * 64, 64);
      }
      String body = Json.request(new Matrix(data, n, 64));
      calls.add(
          pool.submit(
              () -> {
                start.await(30, TimeUnit.SECONDS);
                return new Call(picks, client.post("v2/models/digits/infer", body));
              }));
    }
    List<Call> done = new ArrayList<>();
    for (Future<Call> f : calls) {
      done.add(f.get(60, TimeUnit.SECONDS));
    }
    return done;
  }

  private static void assertOwnRows(Call call) throws Exception {
    JsonNode out = JSON.readTree(call.response().body()).get("outputs").get(0);
    assertThat(out.get("shape").get(0).asInt()).isEqualTo(call.picks().length);
    JsonNode data = out.get("data");
    assertThat(data.size()).isEqualTo(call.picks().length * 10);
    for (int r = 0; r < call.picks().length; r++) {
      float[] expected = PARITY.logits().row(call.picks()[r]);
      for (int k = 0; k < 10; k++) {
        assertThat((float) data.get(r * 10 + k).asDouble()).isCloseTo(expected[k], within(1e-4f));
      }
    }
  }

  private static void assertRejectedLikeTheProtocolSays(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isIn(503, 429);
    assertThat(r.headers().firstValue("Retry-After"))
        .hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.fieldNames()).toIterable().containsExactly("error");
    assertThat(body.get("error").asText()).contains("queue is full");
  }
}
