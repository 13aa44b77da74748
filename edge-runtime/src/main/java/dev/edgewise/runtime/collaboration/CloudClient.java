package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.model.Matrix;
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
 */
public final class CloudClient implements AutoCloseable {

  /** Connections kept to the cloud; requests beyond them wait in the pool's queue. */
  private static final int MAX_CONNECTIONS = 32;

  /** Calls waiting for a connection before new calls fail at once (and fall back to the edge). */
  private static final int MAX_WAITING = 256;

  private static final int ERROR_BODY_CHARS = 200;

  private final Vertx vertx;
  private final HttpClient http;
  private final CloudCodec codec;
  private final String host;
  private final int port;
  private final String path;
  private final long deadlineMillis;

  /** A client for model {@code modelName} at {@code base}. */
  public CloudClient(Vertx vertx, URI base, String modelName, Duration deadline, CloudCodec codec) {
    this.vertx = vertx;
    this.codec = codec;
    boolean tls = base.getScheme().equalsIgnoreCase("https");
    this.host = base.getHost();
    this.port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
    String prefix = base.getRawPath() == null ? "" : base.getRawPath();
    this.path = prefix + "/v2/models/" + modelName + "/infer";
    this.deadlineMillis = Math.max(1, deadline.toMillis());
    HttpClientOptions options =
        new HttpClientOptions()
            .setSsl(tls)
            .setKeepAlive(true)
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

  /**
   * The cloud's output rows for {@code rows}, or a failure: {@link TimeoutException} past the
   * deadline, {@link IOException} for a non-200 status or a body that is not the expected answer,
   * or the connection's own error.
   */
  public Future<Matrix> infer(Matrix rows, String requestId) {
    byte[] body = codec.request(rows, requestId);
    Promise<Matrix> promise = Promise.promise();
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
        .compose(response -> response.body().map(b -> read(response.statusCode(), b, rows.rows())))
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

  private Matrix read(int status, Buffer body, int rows) {
    try {
      if (status != 200) {
        String text = body.toString(StandardCharsets.UTF_8);
        throw new IOException(
            "the cloud answered HTTP "
                + status
                + ": "
                + text.substring(0, Math.min(ERROR_BODY_CHARS, text.length())));
      }
      return codec.response(body.getBytes(), rows);
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
