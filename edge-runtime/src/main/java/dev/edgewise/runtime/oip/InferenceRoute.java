package dev.edgewise.runtime.oip;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The HTTP transport of inference ({@code POST /v2/models/{name}[/versions/{v}]/infer}) as a plain
 * Vert.x route: the body is read on the event loop within the model's {@link RequestSizeLimit} (413
 * naming the limit and the setting that raises it, whether the body declares its length or arrives
 * in chunks), handed to the {@link DataPlane}, and its answer or error written back on the event
 * loop. A request with an {@code Inference-Header-Content-Length} header is a binary extension
 * request; an answer with binary outputs carries that header too.
 */
@Singleton
public class InferenceRoute {

  /** Paths this route serves (for {@link BodyLimit}, which leaves them alone). */
  static final String PATH_PATTERN = "^/v2/models/[^/]+(/versions/[^/]+)?/infer$";

  private static final String START = "edgewise.start";

  private final DataPlane plane;
  private final AtomicReference<SizedHandler> bodyHandler = new AtomicReference<>();

  private record SizedHandler(long limit, BodyHandler handler) {}

  /** Creates the route. */
  public InferenceRoute(DataPlane plane) {
    this.plane = plane;
  }

  void install(@Observes Router router) {
    for (String path :
        new String[] {"/v2/models/:name/infer", "/v2/models/:name/versions/:version/infer"}) {
      router
          .post(path)
          .order(Integer.MIN_VALUE + 1)
          .handler(this::receive)
          .handler(ctx -> infer(ctx, ctx.<Long>get(START)))
          .failureHandler(this::failed);
    }
  }

  private void receive(RoutingContext ctx) {
    long start = System.nanoTime();
    String type = ctx.request().getHeader("Content-Type");
    if (type != null && !acceptable(type)) {
      error(
          ctx,
          start,
          new DataPlane.Failure(
              415,
              "Content-Type "
                  + type
                  + " is not served; send application/json, or application/octet-stream with "
                  + BinaryTensors.HEADER_LENGTH
                  + " for binary tensor data",
              null));
      return;
    }
    if (type != null
        && type.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")
        && ctx.request().getHeader(BinaryTensors.HEADER_LENGTH) == null) {
      error(
          ctx,
          start,
          new DataPlane.Failure(
              400,
              "a binary request needs the "
                  + BinaryTensors.HEADER_LENGTH
                  + " header (the length of its JSON part)",
              null));
      return;
    }
    RequestSizeLimit limit = plane.sizeLimit();
    String length = ctx.request().getHeader("Content-Length");
    if (length != null && BodyLimit.isOver(length, limit.bytes())) {
      tooLarge(ctx, start, limit, Long.parseLong(length.trim()));
      return;
    }
    if (ctx.body().available()) {
      // A chunked body read already (BodyLimit).
      infer(ctx, start);
      return;
    }
    SizedHandler h = bodyHandler.get();
    if (h == null || h.limit() != limit.bytes()) {
      h =
          new SizedHandler(
              limit.bytes(),
              BodyHandler.create(false).setBodyLimit(limit.bytes()).setPreallocateBodyBuffer(true));
      bodyHandler.set(h);
    }
    ctx.put(RequestSizeLimit.class.getName(), limit);
    ctx.put(START, start);
    h.handler().handle(ctx);
  }

  void failed(RoutingContext ctx) {
    Long start = ctx.get(START);
    RequestSizeLimit limit = ctx.get(RequestSizeLimit.class.getName());
    if (ctx.statusCode() == 413 && limit != null && !ctx.response().headWritten()) {
      tooLarge(ctx, start == null ? System.nanoTime() : start, limit, -1);
    } else {
      ctx.next();
    }
  }

  private void tooLarge(RoutingContext ctx, long start, RequestSizeLimit limit, long actual) {
    ctx.response().putHeader("Connection", "close");
    error(ctx, start, new DataPlane.Failure(413, limit.message(actual), null));
  }

  private static boolean acceptable(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return t.startsWith("application/json") || t.startsWith("application/octet-stream");
  }

  void infer(RoutingContext ctx, long start) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      error(
          ctx,
          start,
          new DataPlane.Failure(
              400, "request body is empty; send an OIP v2 inference request", null));
      return;
    }
    byte[] bytes;
    int offset;
    ByteBuf buf = body.getByteBuf();
    if (buf.hasArray()) {
      bytes = buf.array();
      offset = buf.arrayOffset() + buf.readerIndex();
    } else {
      bytes = body.getBytes();
      offset = 0;
    }
    plane
        .infer(
            ctx.pathParam("name"),
            ctx.pathParam("version"),
            bytes,
            offset,
            body.length(),
            ctx.request().getHeader(BinaryTensors.HEADER_LENGTH))
        .whenComplete(
            (answer, failure) -> {
              if (failure != null) {
                error(ctx, start, DataPlane.failure(failure));
                return;
              }
              respond(ctx, start, answer);
            });
  }

  private void respond(RoutingContext ctx, long start, ResponseWriter.Body answer) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response().setStatusCode(200);
    if (answer.jsonLength() >= 0) {
      ctx.response()
          .putHeader("Content-Type", "application/octet-stream")
          .putHeader(BinaryTensors.HEADER_LENGTH, Integer.toString(answer.jsonLength()));
    } else {
      ctx.response().putHeader("Content-Type", "application/json");
    }
    ctx.response().end(Buffer.buffer(Unpooled.wrappedBuffer(answer.bytes(), 0, answer.length())));
    plane.finished(200, start);
  }

  private void error(RoutingContext ctx, long start, DataPlane.Failure f) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(f.status()).putHeader("Content-Type", "application/json");
      if (f.retryAfterSeconds() != null) {
        ctx.response().putHeader("Retry-After", f.retryAfterSeconds().toString());
      }
      ctx.response().end(ErrorBody.json(f.message()));
    }
    plane.finished(f.status(), start);
  }
}
