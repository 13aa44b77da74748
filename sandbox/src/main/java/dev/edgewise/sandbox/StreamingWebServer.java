package dev.edgewise.sandbox;

import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.HttpUrl;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.vertx.HttpServerRequestHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The fabric8 mock web server, serving as well the watches a client asks for over plain HTTP
 * ({@link ChunkedWatch}): the mock answers every request with one whole response, and a watch only
 * by a WebSocket upgrade, so {@code kubectl get -w} and {@code kubectl wait} were refused ({@code
 * "Connection" header must be "Upgrade"}). Everything else goes to the mock's own request handler,
 * unchanged. It listens on its own HTTP server, on the mock's Vert.x instance.
 */
final class StreamingWebServer extends MockWebServer {
  private static final List<String> WEBSOCKET_SUB_PROTOCOLS =
      List.of("v1.channel.k8s.io", "v2.channel.k8s.io", "v3.channel.k8s.io", "v4.channel.k8s.io");

  private final Vertx vertx = mockVertx(this);
  private volatile Dispatcher dispatcher;
  private HttpServer httpServer;
  private String hostName;
  private int port;

  @Override
  public void setDispatcher(Dispatcher dispatcher) {
    super.setDispatcher(dispatcher);
    this.dispatcher = dispatcher;
  }

  @Override
  public synchronized void start(InetAddress address, int port) {
    if (httpServer != null) {
      throw new IllegalStateException("start() already called");
    }
    HttpServerRequestHandler mockHandler =
        new HttpServerRequestHandler(vertx) {
          @Override
          protected MockResponse onHttpRequest(RecordedRequest request) {
            return dispatcher.dispatch(request);
          }
        };
    httpServer =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost(address.getHostAddress())
                    .setPort(port)
                    .setWebSocketSubProtocols(WEBSOCKET_SUB_PROTOCOLS)
                    .setHandle100ContinueAutomatically(true))
            .requestHandler(
                request -> {
                  if (isPlainWatch(request)) {
                    serveWatch(request);
                  } else {
                    mockHandler.handle(request);
                  }
                });
    await(httpServer.listen(), "the sandbox API server could not listen on port " + port);
    this.port = httpServer.actualPort();
    this.hostName = address.getHostAddress();
  }

  @Override
  public synchronized void shutdown() {
    if (httpServer == null) {
      return;
    }
    dispatcher.shutdown();
    await(httpServer.close(), "the sandbox API server did not close");
    await(vertx.close(), "the sandbox API server's Vert.x did not close");
    httpServer = null;
  }

  @Override
  public int getPort() {
    return port;
  }

  @Override
  public String getHostName() {
    return hostName;
  }

  @Override
  public Proxy toProxyAddress() {
    return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(hostName, port));
  }

  @Override
  public HttpUrl url(String path) {
    return HttpUrl.parse("http://" + hostName + ":" + port + "/" + path.replaceFirst("^/", ""));
  }

  @Override
  public String toString() {
    return "StreamingWebServer[" + port + "]";
  }

  /** A GET with {@code watch=true} (or {@code 1}) in its query and no WebSocket upgrade. */
  static boolean isPlainWatch(HttpServerRequest request) {
    String upgrade = request.getHeader("Upgrade");
    String watch = request.getParam("watch");
    return request.method() == io.vertx.core.http.HttpMethod.GET
        && ("true".equals(watch) || "1".equals(watch))
        && (upgrade == null || !upgrade.toLowerCase(Locale.ROOT).contains("websocket"));
  }

  private void serveWatch(HttpServerRequest http) {
    RecordedRequest request =
        new RecordedRequest(
            http.version().alpnName().toUpperCase(Locale.ROOT),
            HttpMethod.fromVertx(http.method()),
            http.uri(),
            Headers.builder().addAll(http.headers()).build(),
            new Buffer());
    MockResponse response = dispatcher.dispatch(request);
    if (response.getWebSocketListener() != null) {
      ChunkedWatch.serve(request, response, http.response());
      return;
    }
    HttpServerResponse out = http.response().setStatusCode(response.code());
    response.getHeaders().toMultimap().forEach((name, values) -> out.headers().add(name, values));
    byte[] body = response.getBody() == null ? null : response.getBody().getBytes();
    out.end(io.vertx.core.buffer.Buffer.buffer(body == null ? new byte[0] : body));
  }

  private static <T> T await(Future<T> future, String failure) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(failure, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(failure, e);
    }
  }

  /**
   * The Vert.x instance the mock web server makes in its constructor, private to it: serving on it
   * keeps one Vert.x (its threads and its close) rather than two.
   */
  private static Vertx mockVertx(MockWebServer server) {
    try {
      Field field = MockWebServer.class.getDeclaredField("vertx");
      field.setAccessible(true);
      return (Vertx) field.get(server);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this fabric8 mock web server keeps no Vert.x field; the sandbox's watches need one", e);
    }
  }
}
