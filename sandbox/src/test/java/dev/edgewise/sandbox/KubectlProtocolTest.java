package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What kubectl asks of the sandbox API server over plain HTTP, asked as kubectl asks it: the
 * OpenAPI v3 schemas of {@code kubectl explain}, chunked watches of {@code kubectl get -w} and
 * {@code kubectl wait}, and the events of {@code kubectl get events} and {@code kubectl describe}.
 */
class KubectlProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

  private static SandboxApiServer server;
  private static KubernetesClient client;
  private static HttpClient http;

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0);
    server.installCrds(Sandbox.loadCrds(), SchemaAdmission::new);
    client = server.client();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
        .create();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theOpenApiDocumentOfTheGroupHoldsTheCrdSchemasKubectlExplainFindsByKind() throws Exception {
    JsonNode document = get("/openapi/v3/apis/edgewise.dev/v1alpha1", "application/json");

    JsonNode schema =
        document.path("components").path("schemas").path("dev.edgewise.v1alpha1.ModelDeployment");
    assertThat(schema.path("x-kubernetes-group-version-kind").get(0))
        .isEqualTo(
            JSON.readTree(
                "{\"group\":\"edgewise.dev\",\"version\":\"v1alpha1\",\"kind\":\"ModelDeployment\"}"));
    assertThat(schema.at("/properties/spec/properties/placement/description").asText())
        .startsWith("Where the edge runtimes run");
    assertThat(
            document
                .path("components")
                .path("schemas")
                .path("dev.edgewise.v1alpha1.EdgeNodePool")
                .at("/x-kubernetes-group-version-kind/0/kind")
                .asText())
        .isEqualTo("EdgeNodePool");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hung watch, not an assertion
  void aWatchOverPlainHttpStreamsOneEventPerLine() throws Exception {
    configMap("before-watch", "1");
    HttpResponse<Stream<String>> watch =
        http.send(
            request("/api/v1/namespaces/default/configmaps?watch=true", "application/json"),
            HttpResponse.BodyHandlers.ofLines());
    assertThat(watch.statusCode()).isEqualTo(200);
    assertThat(watch.headers().firstValue("Content-Type")).hasValue("application/json");
    try (Stream<String> lines = watch.body()) {
      Iterator<String> events = lines.iterator();

      JsonNode added = JSON.readTree(events.next());
      assertThat(added.path("type").asText()).isEqualTo("ADDED");
      assertThat(added.at("/object/metadata/name").asText()).isEqualTo("before-watch");

      configMap("during-watch", "1");
      JsonNode created = JSON.readTree(events.next());
      assertThat(created.path("type").asText()).isEqualTo("ADDED");
      assertThat(created.at("/object/metadata/name").asText()).isEqualTo("during-watch");

      client
          .configMaps()
          .inNamespace("default")
          .withName("during-watch")
          .edit(
              c -> {
                c.getData().put("k", "2");
                return c;
              });
      JsonNode modified = JSON.readTree(events.next());
      assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(modified.at("/object/data/k").asText()).isEqualTo("2");
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS) // a guard against a hung watch, not an assertion
  void aWatchOfOneNameAskingForTablesIsSentTableRows() throws Exception {
    client
        .nodes()
        .resource(
            new NodeBuilder().withNewMetadata().withName("watched-node").endMetadata().build())
        .create();
    HttpResponse<Stream<String>> watch =
        http.send(
            request(
                "/api/v1/nodes?watch=true&fieldSelector=" + encode("metadata.name=watched-node"),
                TABLE),
            HttpResponse.BodyHandlers.ofLines());
    try (Stream<String> lines = watch.body()) {
      JsonNode added = JSON.readTree(lines.iterator().next());

      assertThat(added.path("type").asText()).isEqualTo("ADDED");
      assertThat(added.at("/object/kind").asText()).isEqualTo("Table");
      assertThat(added.at("/object/rows/0/cells/0").asText()).isEqualTo("watched-node");
    }
  }

  @Test
  void eventsAreSelectedByTheirInvolvedObjectAsKubectlDescribeSelectsThem() throws Exception {
    Event mine = event("mine", "digits-mine", "Normal", "TrainingStarted");
    event("other", "digits-other", "Warning", "TrainingFailed");
    String selector =
        "involvedObject.name=digits-mine,involvedObject.namespace=default,"
            + "involvedObject.kind=ModelDeployment,involvedObject.uid="
            + mine.getInvolvedObject().getUid();

    HttpResponse<String> response =
        http.send(
            request(
                "/api/v1/namespaces/default/events?fieldSelector=" + encode(selector),
                "application/vnd.kubernetes.protobuf,application/json"),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode list = JSON.readTree(response.body());
    assertThat(list.path("kind").asText()).isEqualTo("EventList");
    assertThat(list.path("items")).hasSize(1);
    assertThat(list.at("/items/0/metadata/name").asText()).isEqualTo("mine");
  }

  @Test
  void eventsAreListedInColumnsAsKubectlGetEventsShowsThem() throws Exception {
    event("columns", "digits-columns", "Warning", "AccuracyGateFailed");

    JsonNode table =
        get(
            "/api/v1/namespaces/default/events?fieldSelector="
                + encode("involvedObject.name=digits-columns"),
            TABLE);

    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Last Seen", "Type", "Reason", "Kind", "Object", "Message");
    assertThat(table.at("/rows/0/cells").toString())
        .contains("\"Warning\"", "\"AccuracyGateFailed\"", "\"digits-columns\"", "\"it broke\"");
  }

  private static void configMap(String name, String value) {
    client
        .configMaps()
        .inNamespace("default")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .addToData("k", value)
                .build())
        .create();
  }

  private static Event event(String name, String object, String type, String reason) {
    return client
        .v1()
        .events()
        .inNamespace("default")
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("edgewise.dev/v1alpha1")
                .withKind("ModelDeployment")
                .withName(object)
                .withNamespace("default")
                .withUid("uid-" + object)
                .endInvolvedObject()
                .withType(type)
                .withReason(reason)
                .withMessage("it broke")
                .withLastTimestamp("2026-03-01T12:00:00Z")
                .build())
        .create();
  }

  private static JsonNode get(String path, String accept) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request(path, accept), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static HttpRequest request(String path, String accept) {
    return HttpRequest.newBuilder(URI.create(server.url() + path))
        .header("Accept", accept)
        .GET()
        .build();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
