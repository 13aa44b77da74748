package dev.edgewise.sandbox;

import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;

/**
 * A watch served as kube-apiserver serves {@code ?watch=true} to a client that asks for no
 * WebSocket ({@code kubectl get -w}, {@code kubectl wait}): one chunked HTTP response, one JSON
 * watch event per line, open until the client goes away. It stands in for the WebSocket of the
 * watch's listener ({@link SandboxWatch}), so both kinds of watch are told the same events.
 */
final class ChunkedWatch implements WebSocket {
  private final RecordedRequest request;
  private final HttpServerResponse response;

  private ChunkedWatch(RecordedRequest request, HttpServerResponse response) {
    this.request = request;
    this.response = response;
  }

  /**
   * Answers {@code request} with the watch {@code watch} upgrades to: the headers at once, then
   * each event the listener sends; the listener is told when the client closes the connection.
   */
  static void serve(RecordedRequest request, MockResponse watch, HttpServerResponse response) {
    WebSocketListener listener = watch.getWebSocketListener();
    ChunkedWatch socket = new ChunkedWatch(request, response);
    response.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
    // An empty write sends the headers: a client waits for them before it reads any event.
    response.write(Buffer.buffer());
    response.closeHandler(closed -> listener.onClosed(socket, 1000, "the client closed the watch"));
    listener.onOpen(socket, watch);
  }

  @Override
  public RecordedRequest request() {
    return request;
  }

  @Override
  public boolean send(String text) {
    return send(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Writes one event and its line end; false once the response is closed (nothing is sent). */
  @Override
  public boolean send(byte[] bytes) {
    synchronized (response) {
      if (response.closed() || response.ended()) {
        return false;
      }
      response.write(Buffer.buffer(bytes.length + 1).appendBytes(bytes).appendByte((byte) '\n'));
      return true;
    }
  }

  @Override
  public boolean close(int code, String reason) {
    synchronized (response) {
      if (response.closed() || response.ended()) {
        return false;
      }
      response.end();
      return true;
    }
  }
}
