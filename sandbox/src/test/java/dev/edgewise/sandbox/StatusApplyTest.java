package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.api.v1alpha1.EdgeNodePool;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server-side apply of a status, as the operator's jar sends it, leaves exactly the status it
 * applied: a field applied before and left out now is gone, as on kube-apiserver (a merge patch
 * would keep it, and a finished rollout's record then outlived the rollout).
 */
class StatusApplyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static SandboxApiServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0);
    server.installCrds(Sandbox.loadCrds(), SchemaAdmission::new);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aFieldTheApplyLeavesOutIsRemoved() throws Exception {
    client
        .resource(
            client
                .getKubernetesSerialization()
                .unmarshal(
                    """
                    apiVersion: edgewise.dev/v1alpha1
                    kind: EdgeNodePool
                    metadata: {name: applied}
                    spec:
                      nodeSelector: {matchLabels: {zone: a}}
                      edgePlatform: KubeEdge
                    """,
                    EdgeNodePool.class))
        .create();

    assertApplied(applyStatus("{\"observedGeneration\":1,\"disconnectedNodes\":[\"edge-1\"]}"));
    assertApplied(applyStatus("{\"observedGeneration\":2}"));

    JsonNode status =
        JSON.valueToTree(
            client.resources(EdgeNodePool.class).withName("applied").get().getStatus());
    assertThat(status.path("observedGeneration").asLong()).isEqualTo(2);
    assertThat(status.path("disconnectedNodes").isEmpty()).isTrue();
  }

  private static void assertApplied(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isBetween(200, 299);
  }

  private static HttpResponse<String> applyStatus(String status) throws Exception {
    String body =
        "{\"apiVersion\":\"edgewise.dev/v1alpha1\",\"kind\":\"EdgeNodePool\","
            + "\"metadata\":{\"name\":\"applied\"},\"status\":"
            + status
            + "}";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(
                    URI.create(
                        server.url()
                            + "/apis/edgewise.dev/v1alpha1/edgenodepools/applied/status"
                            + "?fieldManager=edgenodepool&force=true"))
                .header("Content-Type", "application/apply-patch+yaml")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
