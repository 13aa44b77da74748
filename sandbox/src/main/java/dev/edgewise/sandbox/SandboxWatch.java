package dev.edgewise.sandbox;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * One watch on the sandbox API server: sends each change of a matching object as a watch event
 * framed around the object's stored JSON. (The mock server's own watch parses the stored JSON and
 * writes it out again for every watch it sends to: with three watches on pods, that was an eighth
 * of the sandbox's CPU in {@code make scale}.) Events go out in order on the watch's own thread, so
 * a slow client does not hold up the writer.
 */
final class SandboxWatch extends WebSocketListener {
  private final AttributeSet query;
  private final Set<SandboxWatch> open;
  private final Consumer<SandboxWatch> sendExisting;
  private final ExecutorService sender;
  private volatile WebSocket socket;

  /**
   * A watch for the objects matching {@code query}; once open it joins {@code open} and is sent the
   * objects that already exist by {@code sendExisting}.
   */
  SandboxWatch(AttributeSet query, Set<SandboxWatch> open, Consumer<SandboxWatch> sendExisting) {
    this.query = query;
    this.open = open;
    this.sendExisting = sendExisting;
    this.sender =
        Executors.newSingleThreadExecutor(
            r -> {
              // A watch the client never closes must not keep the sandbox's JVM from exiting.
              Thread thread = new Thread(r, "sandbox-watch");
              thread.setDaemon(true);
              return thread;
            });
  }

  boolean matches(AttributeSet attributes) {
    return attributes != null && attributes.matches(query);
  }

  /** Sends {@code object} (stored JSON) as an event of {@code type}: ADDED, MODIFIED or DELETED. */
  void send(String type, String object) {
    String event = "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    sender.execute(() -> socket.send(event));
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    sendExisting.accept(this);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    webSocket.close(code, reason);
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    stop();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable failure, Response response) {
    webSocket.close(1000, failure.getMessage());
    stop();
  }

  private void stop() {
    open.remove(this);
    sender.shutdown();
  }
}
