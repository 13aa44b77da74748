package dev.edgewise.runtime.collaboration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A cloud runtime stand-in served over real HTTP by the JDK's server: it answers OIP v2 inference
 * with known rows (row k of an answer is {@code 1000 + 10k + j} in column j), or slowly, or with a
 * 500, or with garbage, as set by {@code POST /mode/{OK|SLOW|ERROR|GARBAGE|SHAPE}}. {@code GET
 * /last} returns the last inference request it received. It answers its readiness check ({@code GET
 * /v2/health/ready}) with 200, and {@code GET /seen} lists the OIP requests it received, one line
 * each: method, path and the client's port (the same port means the same connection). Controlled
 * over HTTP so the test and the server need not share a class loader.
 */
public final class CloudStandIn implements QuarkusTestResourceLifecycleManager {

  /** How long the SLOW mode waits before answering. */
  public static final long SLOW_MILLIS = 10_000;

  /**
   * The edge's deadline: generous, so that the first call (a new connection, cold JIT on both
   * sides, a loaded shared machine) is still answered in time; the slow mode waits far longer.
   */
  public static final long DEADLINE_MILLIS = 1_500;

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer server;
  private volatile String mode = "OK";
  private volatile String last = "";
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @Override
  public Map<String, String> start() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext("/mode/", this::mode);
      server.createContext("/last", ex -> send(ex, 200, last));
      server.createContext("/seen", ex -> send(ex, 200, String.join("\n", seen)));
      server.createContext("/v2/health/ready", this::ready);
      server.createContext("/v2/models/digits/infer", this::infer);
      server.start();
      Path examples = Files.createTempDirectory("edgewise-hard-examples");
      return Map.of(
          "edgewise.collaboration.cloud-url",
          "http://127.0.0.1:" + server.getAddress().getPort(),
          "edgewise.collaboration.confidence-threshold",
          "0.9",
          "edgewise.collaboration.cloud-deadline-ms",
          Long.toString(DEADLINE_MILLIS),
          "edgewise.collaboration.hard-examples-dir",
          examples.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private void mode(HttpExchange ex) throws IOException {
    mode = ex.getRequestURI().getPath().substring("/mode/".length());
    send(ex, 200, mode);
  }

  private void ready(HttpExchange ex) throws IOException {
    saw(ex);
    send(ex, 200, "{\"ready\":true}");
  }

  private void saw(HttpExchange ex) {
    seen.add(
        ex.getRequestMethod()
            + " "
            + ex.getRequestURI().getPath()
            + " "
            + ex.getRemoteAddress().getPort());
  }

  /** The lines {@code GET /seen} answers, for a test in the same class loader. */
  List<String> seen() {
    return List.copyOf(seen);
  }

  private void infer(HttpExchange ex) throws IOException {
    saw(ex);
    String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    last = body;
    int rows = JSON.readTree(body).at("/inputs/0/shape/0").asInt();
    switch (mode) {
      case "SLOW" -> {
        try {
          Thread.sleep(SLOW_MILLIS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        send(ex, 200, answer(rows, rows));
      }
      case "ERROR" -> send(ex, 500, "{\"error\":\"cloud is broken\"}");
      case "GARBAGE" -> send(ex, 200, "this is not json");
      case "SHAPE" -> send(ex, 200, answer(rows, rows + 1));
      default -> send(ex, 200, answer(rows, rows));
    }
  }

  /** An OIP answer claiming {@code shapeRows} rows of the known values. */
  static String answer(int rows, int shapeRows) {
    StringBuilder s =
        new StringBuilder("{\"model_name\":\"digits\",\"model_version\":\"cloud\",\"outputs\":[");
    s.append("{\"name\":\"logits\",\"shape\":[")
        .append(shapeRows)
        .append(",10],\"datatype\":\"FP32\",\"data\":[");
    for (int k = 0; k < rows; k++) {
      for (int j = 0; j < 10; j++) {
        s.append(k + j > 0 ? "," : "").append(1000 + 10 * k + j);
      }
    }
    return s.append("]}]}").toString();
  }

  /** The known value of row {@code k}, column {@code j} of an answer. */
  public static float known(int k, int j) {
    return 1000 + 10 * k + j;
  }

  /** The data of the last request's input. */
  static JsonNode input(String lastRequest) throws IOException {
    return JSON.readTree(lastRequest).at("/inputs/0");
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    try {
      ex.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // The edge gave up on a slow answer and closed the connection: expected in SLOW mode.
      ex.close();
    }
  }
}
