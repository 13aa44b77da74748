package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.edgewise.sandbox.admission.AdmissionResult;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wraps the mock server's CRUD dispatcher with what kubectl and a real API server need: discovery,
 * version, Table responses for printer columns, merge patches as RFC 7386 says (the mock appends to
 * lists; strategic merge patches and server-side applies are taken as merge patches), and schema
 * admission with defaulting for custom resources.
 */
final class SandboxDispatcher extends Dispatcher {
  private static final Pattern GROUP_VERSION = Pattern.compile("^/apis/([^/]+)/([^/]+)/?$");
  private static final Pattern RESOURCE_PATH =
      Pattern.compile(
          "^/(?:api/v1|apis/([^/]+)/[^/]+)(?:/namespaces/[^/]+)?/([a-z0-9]+)(?:/([^/]+))?(/status)?$");
  private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final KubernetesCrudDispatcher crud;
  private final ApiDiscovery discovery = new ApiDiscovery();
  private final ObjectMapper mapper = Serialization.jsonMapper();
  private final OpenApiIndex openApi = new OpenApiIndex(mapper);
  private final Map<String, PrinterTable> tables = new ConcurrentHashMap<>();
  private final Map<String, AdmissionControl> admissionByPlural = new ConcurrentHashMap<>();
  private final Clock clock;

  SandboxDispatcher(KubernetesCrudDispatcher crud, Clock clock) {
    this.crud = crud;
    this.clock = clock;
    BuiltinColumns.BY_PLURAL.forEach(
        (plural, columns) -> tables.put(plural, new PrinterTable(mapper, columns)));
  }

  /** Registers admission for a custom resource plural (such as {@code modeldeployments}). */
  void admit(String plural, AdmissionControl admission) {
    admissionByPlural.put(plural, admission);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath().split("\\?", 2)[0];
    if ("GET".equals(request.getMethod())) {
      Optional<MockResponse> discovered = discover(path);
      if (discovered.isPresent()) {
        return discovered.get();
      }
    }
    RecordedRequest forwarded = request;
    Matcher resource = RESOURCE_PATH.matcher(path);
    boolean isResource = resource.matches();
    String plural = isResource ? resource.group(2) : null;
    boolean isStatus = isResource && resource.group(4) != null;
    if (hasBody(request)) {
      String body = request.getBody().readUtf8();
      boolean statusApply = isStatus && isApply(request.getHeader("Content-Type"));
      String contentType = patchContentType(request.getHeader("Content-Type"));
      boolean mergePatch =
          "PATCH".equals(request.getMethod()) && contentType.contains("merge-patch");
      JsonNode current = null;
      if (mergePatch) {
        Optional<JsonNode> stored = current(path, isStatus);
        if (stored.isEmpty()) {
          return notFound(path);
        }
        current = stored.get();
      }
      if (isResource && !isStatus && admissionByPlural.containsKey(plural)) {
        AdmissionResult admitted = admit(request.getMethod(), plural, body, current);
        if (!admitted.allowed()) {
          return refused(admitted);
        }
        if (admitted.object() != null && !"PATCH".equals(request.getMethod())) {
          body = asJson(admitted.object());
        }
      }
      if (statusApply) {
        body = asJson(replaceStatus(readTree(body)));
        contentType = "application/json-patch+json";
      } else if (mergePatch) {
        body = asJson(JsonMergePatch.asJsonPatch(current, readTree(body)));
        contentType = "application/json-patch+json";
      }
      forwarded = withBody(request, withoutQueryOnPatch(request), body, contentType);
    }
    MockResponse response = crud.dispatch(forwarded);
    if (response.header("Content-Type") == null && response.getWebSocketListener() == null) {
      // The mock sets none: Go clients that asked for protobuf first then cannot decode the JSON
      // (kubectl describe listed no events).
      response.setHeader("Content-Type", "application/json");
    }
    if (path.startsWith(CRD_PATH) && "POST".equals(request.getMethod())) {
      installCrd(response);
    }
    if (isResource && !isStatus && wantsTable(request) && response.getWebSocketListener() != null) {
      PrinterTable table = tables.get(plural);
      if (table != null) {
        return response.withWebSocketUpgrade(
            new TableWatch(response.getWebSocketListener(), table, mapper, clock));
      }
    }
    if (isResource && !isStatus && wantsTable(request) && response.code() == 200) {
      PrinterTable table = tables.get(plural);
      if (table != null) {
        JsonNode body = readTree(response.getBody().readUtf8());
        return json(200, table.render(body, clock.instant()));
      }
    }
    return response;
  }

  private Optional<MockResponse> discover(String path) {
    if (path.equals("/version")) {
      return Optional.of(
          json(
              200,
              new VersionInfo.Builder()
                  .withMajor("1")
                  .withMinor("32")
                  .withGitVersion("v1.32.0-edgewise-sandbox")
                  .withPlatform("linux/amd64")
                  .build()));
    }
    if (path.equals("/openapi/v3")) {
      return Optional.of(json(200, openApi.root(discovery.groupVersions())));
    }
    if (path.startsWith("/openapi/v3/")) {
      String gv = path.substring("/openapi/v3/".length()).replaceFirst("^apis/|^api/", "");
      return Optional.of(
          discovery
              .resources(gv)
              .map(list -> json(200, openApi.groupVersion(gv, list)))
              .orElse(notFound(path)));
    }
    if (path.startsWith("/openapi/")) {
      return Optional.of(notFound(path));
    }
    if (path.equals("/api")) {
      return Optional.of(json(200, discovery.coreVersions()));
    }
    if (path.equals("/apis")) {
      return Optional.of(json(200, discovery.groups()));
    }
    if (path.equals("/api/v1")) {
      return discovery.resources("v1").map(list -> json(200, list));
    }
    Matcher groupVersion = GROUP_VERSION.matcher(path);
    if (groupVersion.matches()) {
      String gv = groupVersion.group(1) + "/" + groupVersion.group(2);
      return Optional.of(
          discovery.resources(gv).map(list -> json(200, list)).orElse(notFound(path)));
    }
    return Optional.empty();
  }

  /** The stored object a request path names (its {@code /status} stripped), if there is one. */
  private Optional<JsonNode> current(String path, boolean isStatus) {
    MockResponse current =
        crud.handleGet(isStatus ? path.substring(0, path.length() - "/status".length()) : path);
    return current.code() == 200
        ? Optional.of(readTree(current.getBody().readUtf8()))
        : Optional.empty();
  }

  /**
   * Admits a create or update; a merge patch is admitted by the object it would produce from the
   * stored object ({@code current}); other patches are let through.
   */
  private AdmissionResult admit(String method, String plural, String body, JsonNode current) {
    AdmissionControl admission = admissionByPlural.get(plural);
    if ("PATCH".equals(method) && current == null) {
      return new AdmissionResult(true, 200, "", "", List.of(), null);
    }
    JsonNode candidate = readTree(body);
    return admission.admit(current == null ? candidate : JsonMergePatch.apply(current, candidate));
  }

  private void installCrd(MockResponse response) {
    if (response.code() >= 300) {
      return;
    }
    String body = response.getBody().readUtf8();
    response.setBody(body);
    CustomResourceDefinition crd = Serialization.unmarshal(body, CustomResourceDefinition.class);
    discovery.install(crd);
    openApi.install(crd);
    List<CustomResourceColumnDefinition> columns =
        crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns();
    if (columns != null && !columns.isEmpty()) {
      tables.put(crd.getSpec().getNames().getPlural(), new PrinterTable(mapper, columns));
    }
  }

  private static boolean hasBody(RecordedRequest request) {
    String method = request.getMethod();
    return "POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method);
  }

  /**
   * kubectl patches built-in kinds with strategic merge patches, and the operator's jar writes with
   * server-side applies (JSON): the mock knows merge patches, which give the same result on an
   * object that exists, except that an apply of a status also removes what it leaves out ({@link
   * #replaceStatus}).
   */
  private static String patchContentType(String contentType) {
    if (contentType != null
        && (contentType.startsWith("application/strategic-merge-patch")
            || contentType.startsWith("application/apply-patch"))) {
      return "application/merge-patch+json";
    }
    return contentType == null ? "application/json" : contentType;
  }

  private static boolean isApply(String contentType) {
    return contentType != null && contentType.startsWith("application/apply-patch");
  }

  /**
   * A server-side apply of a status by its only writer (the operator) leaves the status it applied
   * and nothing else: a field it applied before and leaves out now is removed, as kube-apiserver
   * removes fields a manager no longer applies. As a merge patch, a left-out field would stay (a
   * finished rollout's record, say).
   */
  private ArrayNode replaceStatus(JsonNode applied) {
    ArrayNode patch = mapper.createArrayNode();
    ObjectNode replace = patch.addObject();
    replace.put("op", "add");
    replace.put("path", "/status");
    JsonNode status = applied.get("status");
    replace.set("value", status == null || status.isNull() ? mapper.createObjectNode() : status);
    return patch;
  }

  private static boolean wantsTable(RecordedRequest request) {
    String accept = request.getHeader("Accept");
    return accept != null && accept.contains("as=Table");
  }

  /**
   * The mock patches nothing when a PATCH carries a query (server-side applies always carry {@code
   * fieldManager} and {@code force}), and it has no use for either: the query is dropped.
   */
  private static String withoutQueryOnPatch(RecordedRequest request) {
    String path = request.getPath();
    return "PATCH".equals(request.getMethod()) ? path.split("\\?", 2)[0] : path;
  }

  private static RecordedRequest withBody(
      RecordedRequest request, String path, String body, String contentType) {
    Headers headers = request.getHeaders().newBuilder().set("Content-Type", contentType).build();
    return new RecordedRequest(
        request.getHttpVersion(), request.method(), path, headers, new Buffer().writeUtf8(body));
  }

  private MockResponse refused(AdmissionResult result) {
    List<StatusCause> causes =
        result.errors().stream()
            .map(
                e ->
                    new StatusCauseBuilder()
                        .withReason(e.type().name())
                        .withField(e.causeField())
                        .withMessage(e.toString())
                        .build())
            .toList();
    return json(
        result.code(),
        new StatusBuilder()
            .withStatus("Failure")
            .withReason(result.reason())
            .withCode(result.code())
            .withMessage(result.message())
            .withNewDetails()
            .withCauses(causes)
            .endDetails()
            .build());
  }

  private MockResponse notFound(String path) {
    return json(
        404,
        new StatusBuilder()
            .withStatus("Failure")
            .withReason("NotFound")
            .withCode(404)
            .withMessage("the server could not find the requested resource " + path)
            .build());
  }

  private MockResponse json(int code, Object body) {
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(asJson(body));
  }

  private String asJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode readTree(String json) {
    try {
      return json == null || json.isBlank() ? mapper.createObjectNode() : mapper.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
