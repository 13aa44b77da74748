package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.collaboration.CloudStandIn;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The edge opens its connection to the cloud at start: before any inference the cloud stand-in has
 * been asked for its readiness ({@code GET /v2/health/ready}), and the first hard rows go over that
 * same connection instead of paying for a new one inside their deadline. Real HTTP on both sides.
 */
@QuarkusTest
@TestProfile(CloudWarmUpHttpTest.WithCloud.class)
class CloudWarmUpHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);

  /** Collaboration on, against a stand-in of its own (so no other test has used it). */
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

  /** What the stand-in received: one line per OIP request, method, path and client port. */
  private List<String> seen() throws Exception {
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(cloudUrl + "/seen")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n"));
  }

  private static String port(String seenLine) {
    return seenLine.substring(seenLine.lastIndexOf(' ') + 1);
  }

  @Test
  void theCloudConnectionIsOpenBeforeTheFirstInferenceWhichReusesIt() throws Exception {
    // The check is sent in the background at start; wait for it (the bound is only for a broken
    // build, nothing is timed).
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<String> before = seen();
    while (before.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
      before = seen();
    }
    assertThat(before).isNotEmpty().allMatch(l -> l.startsWith("GET /v2/health/ready "));

    HttpResponse<String> r =
        new OipClient(base).post("v2/models/digits/infer", Json.request(PARITY.inputs()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = new ObjectMapper().readTree(r.body());
    assertThat(body.at("/parameters/edgewise.answered_by").asText()).contains("cloud");

    List<String> after = seen();
    List<String> inferences =
        after.stream().filter(l -> l.startsWith("POST /v2/models/digits/infer ")).toList();
    assertThat(inferences).hasSize(1);
    assertThat(port(inferences.get(0))).isEqualTo(port(before.get(0)));
  }
}
