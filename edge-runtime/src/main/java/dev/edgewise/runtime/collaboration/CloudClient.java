package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Tensor;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks the cloud runtime for the hard rows of one request ({@code POST
 * {cloud-url}/v2/models/{name}/infer}) with the runtime's own Vert.x HTTP client, so no thread
 * waits. A timer bounds the whole call, from asking the pool for a connection to the last byte of
 * the answer: when it fires the call fails with a {@link TimeoutException} and the request is
 * reset, freeing its connection.
 *
 * <p>Called on a Vert.x context (an event loop), the returned future completes on that context, and
 * so does the timer: the two cannot race on another thread.
 *
 * <p>Connections are kept alive ({@value #KEEP_ALIVE_SECONDS} s unused before the pool closes one);
 * {@link #ready} asks the cloud's readiness check over the same pool, which is how {@link
 * CloudKeepWarm} opens a connection before the first hard row and keeps one open while idle.
 */
public final class CloudClient implements AutoCloseable {

  /** Connections kept to the cloud; requests beyond them wait in the pool's queue. */
  private static final int MAX_CONNECTIONS = 32;

  /** Calls waiting for a connection before new calls fail at once (and fall back to the edge). */
  private static final int MAX_WAITING = 256;

  /** Seconds an unused connection stays in the pool; {@link CloudKeepWarm} asks more often. */
  static final int KEEP_ALIVE_SECONDS = 60;

  /**
   * Longest a readiness check may take to connect and to answer: not a request's deadline, since
   * nobody waits for it, but bounded so a stuck check frees its connection.
   */
  private static final long READY_TIMEOUT_MILLIS = 5_000;

  private static final int ERROR_BODY_CHARS = 200;

  private final Vertx vertx;
  private final HttpClient http;
  private final CloudCodec codec;
  private final String host;
  private final int port;
  private final String path;
  private final String readyPath;
  private final long deadlineMillis;
  private volatile long lastUsedNanos = System.nanoTime();

  /** A client for model {@code modelName} at {@code base}. */
  public CloudClient(Vertx vertx, URI base, String modelName, Duration deadline, CloudCodec codec) {
    this.vertx = vertx;
    this.codec = codec;
    boolean tls = base.getScheme().equalsIgnoreCase("https");
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String prefix = base.getRawPath() == null ? "" : base.getRawPath();
    this.path = prefix + "/v2/models/" + modelName + "/infer";
    this.readyPath = prefix + "/v2/health/ready";
    this.deadlineMillis = Math.max(1, deadline.toMillis());
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(tls)
            .setKeepAlive(true)
            .setKeepAliveTimeout(KEEP_ALIVE_SECONDS)
            .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, deadlineMillis))
            .setName("edgewise-cloud");
    this.http =
        vertx.createHttpClient(
            options,
            new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setMaxWaitQueueSize(MAX_WAITING));
  }

  /** The URL the client posts to. */
  public String url() {
    return host + ":" + port + path;
  }

  /** Nanoseconds since the last call to the cloud began (an inference or a readiness check). */
  public long idleNanos() {
    return System.nanoTime() - lastUsedNanos;
  }

  /**
   * The status of the cloud's readiness check ({@code GET {cloud-url}/v2/health/ready}), or the
   * connection's failure. The future completes once the connection is back in the pool, so a call
   * made then reuses it.
   */
  public Future<Integer> ready() {
    lastUsedNanos = System.nanoTime();
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.GET)
            .setHost(host)
            .setPort(port)
            .setURI(readyPath)
            .setConnectTimeout(READY_TIMEOUT_MILLIS)
            .setIdleTimeout(READY_TIMEOUT_MILLIS);
    Promise<Integer> done = Promise.promise();
    http.request(options)
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().map(b -> response.statusCode()))
        // The pool takes the connection back after this handler returns, on the same context:
        // completing in a later task on that context completes after it.
        .onComplete(result -> vertx.getOrCreateContext().runOnContext(v -> done.handle(result)));
    return done.future();
  }

  /** The URL of the cloud's readiness check. */
  public String readyUrl() {
    return host + ":" + port + readyPath;
  }

  /**
   * The cloud's outputs for {@code rows} (the hard rows of every input), aligned with {@code edge}
   * (the edge's outputs of the whole request), or a failure: {@link TimeoutException} past the
   * deadline, {@link IOException} for a non-200 status or a body that is not the expected answer,
   * or the connection's own error.
   */
  public Future<List<Tensor>> infer(List<Tensor> rows, String requestId, List<Tensor> edge) {
    lastUsedNanos = System.nanoTime();
    byte[] body = codec.request(rows, requestId);
    int count = (int) rows.get(0).rows();
    Promise<List<Tensor>> promise = Promise.promise();
    AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
    long timer =
        vertx.setTimer(
            deadlineMillis,
            t -> {
              if (promise.tryFail(
                  new TimeoutException(
                      "the cloud did not answer within " + deadlineMillis + " ms"))) {
                HttpClientRequest request = sent.get();
                if (request != null) {
                  request.reset();
                }
              }
            });
    RequestOptions options =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setHost(host)
            .setPort(port)
            .setURI(path)
            .putHeader("Content-Type", "application/json")
            .putHeader("Accept", "application/json");
    http.request(options)
        .compose(
            request -> {
              sent.set(request);
              if (promise.future().isComplete()) {
                // The deadline passed while the call waited for a connection.
                request.reset();
                return Future.failedFuture(promise.future().cause());
              }
              return request.send(Buffer.buffer(body));
            })
        .compose(response -> response.body().map(b -> read(response.statusCode(), b, count, edge)))
        .onComplete(
            result -> {
              vertx.cancelTimer(timer);
              if (result.succeeded()) {
                promise.tryComplete(result.result());
              } else {
                promise.tryFail(result.cause());
              }
            });
    return promise.future();
  }

  private List<Tensor> read(int status, Buffer body, int rows, List<Tensor> edge) {
    try {
      if (status != 200) {
        String text = body.toString(StandardCharsets.UTF_8);
        throw new IOException(
            "the cloud answered HTTP "
                + status
                + ": "
                + text.substring(0, Math.min(ERROR_BODY_CHARS, text.length())));
      }
      return codec.response(body.getBytes(), rows, edge);
    } catch (IOException e) {
      throw new CloudAnswerException(e);
    }
  }

  @Override
  public void close() {
    http.close();
  }

  /** The cloud answered, but not with the rows asked for. */
  public static final class CloudAnswerException extends RuntimeException {

    CloudAnswerException(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
