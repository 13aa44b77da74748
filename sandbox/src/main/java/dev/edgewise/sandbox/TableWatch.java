package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * A watch whose client asked for Tables ({@code kubectl get -w}): each event's object is sent as a
 * one-row {@code meta.k8s.io/v1} Table of the kind's printer columns, as kube-apiserver sends it,
 * so the watched rows print in the columns of the list before them.
 */
final class TableWatch extends WebSocketListener {
  private final WebSocketListener watch;
  private final PrinterTable table;
  private final ObjectMapper mapper;
  private final Clock clock;

  TableWatch(WebSocketListener watch, PrinterTable table, ObjectMapper mapper, Clock clock) {
    this.watch = watch;
    this.table = table;
    this.mapper = mapper;
    this.clock = clock;
  }

  @Override
  public void onOpen(WebSocket socket, Response response) {
    watch.onOpen(new TableSocket(socket), response);
  }

  @Override
  public void onClosing(WebSocket socket, int code, String reason) {
    watch.onClosing(socket, code, reason);
  }

  @Override
  public void onClosed(WebSocket socket, int code, String reason) {
    watch.onClosed(socket, code, reason);
  }

  @Override
  public void onFailure(WebSocket socket, Throwable failure, Response response) {
    watch.onFailure(socket, failure, response);
  }

  /** The socket the watch writes to, turning each event's object into a Table. */
  private final class TableSocket implements WebSocket {
    private final WebSocket socket;

    TableSocket(WebSocket socket) {
      this.socket = socket;
    }

    @Override
    public RecordedRequest request() {
      return socket.request();
    }

    @Override
    public boolean send(String event) {
      return socket.send(asTable(event));
    }

    @Override
    public boolean send(byte[] event) {
      return socket.send(asTable(new String(event, StandardCharsets.UTF_8)));
    }

    @Override
    public boolean close(int code, String reason) {
      return socket.close(code, reason);
    }

    private String asTable(String event) {
      try {
        JsonNode parsed = mapper.readTree(event);
        ObjectNode out = mapper.createObjectNode();
        out.set("type", parsed.path("type"));
        out.set("object", table.render(parsed.path("object"), clock.instant()));
        return mapper.writeValueAsString(out);
      } catch (IOException e) {
        throw new UncheckedIOException("a watch event that is not JSON: " + event, e);
      }
    }
  }
}
