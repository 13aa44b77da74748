package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.collaboration.JointAnswer;
import dev.edgewise.runtime.collaboration.JointInference;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.serving.ModelRegistry;
import dev.edgewise.runtime.serving.RuntimeConfig;
import dev.edgewise.runtime.serving.RuntimeMetrics;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The JSON inference endpoints ({@code POST /v2/models/{name}[/versions/{v}]/infer}) as a plain
 * Vert.x route: the body is read on the event loop straight into a float matrix, answered by {@link
 * JointInference} (the batcher, then the cloud for hard rows when configured), and the answer is
 * written back on the event loop with a raw generator. Other content types (the binary tensor
 * extension) fall through to {@link InferenceResource}. Errors keep the protocol's JSON shape and
 * statuses; every answer is counted in the runtime's metrics.
 */
@Singleton
public class InferenceRoute {

  private static final Logger LOG = Logger.getLogger(InferenceRoute.class);

  private final JointInference joint;
  private final RuntimeMetrics metrics;
  private final ServedModel served;
  private final TensorCodec codec;
  private final String modelName;
  private final String outputName;

  /** Creates the route for the configured model. */
  public InferenceRoute(
      ModelRegistry registry, JointInference joint, RuntimeConfig config, RuntimeMetrics metrics) {
    this.joint = joint;
    this.metrics = metrics;
    RuntimeConfig.ModelConfig model = config.model();
    this.served = new ServedModel(registry, model.name());
    this.modelName = model.name();
    this.outputName = model.outputName();
    this.codec = TensorCodec.forConfig(config);
  }

  void install(
      @Observes Router router,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit) {
    // Runs after BodyLimit (which answers 413 for a declared length) and reads the body within the
    // same limit; a body read already for a chunked request is reused.
    BodyHandler body =
        BodyHandler.create(false).setBodyLimit(limit.asLongValue()).setPreallocateBodyBuffer(true);
    for (String path :
        new String[] {"/v2/models/:name/infer", "/v2/models/:name/versions/:version/infer"}) {
      router
          .post(path)
          .order(Integer.MIN_VALUE + 1)
          .consumes("application/json")
          .handler(body)
          .handler(this::infer);
    }
  }

  private void infer(RoutingContext ctx) {
    long start = System.nanoTime();
    CompletableFuture<JointAnswer> pending;
    String id;
    try {
      String name = ctx.pathParam("name");
      String version = ctx.pathParam("version");
      if (version == null) {
        served.loaded(name);
      } else {
        served.loaded(name, version);
      }
      InferenceRequest request = read(ctx.body().buffer());
      Matrix input = codec.decode(request);
      id = request.id();
      pending = joint.infer(input, id);
    } catch (OipException e) {
      error(ctx, start, e.status(), e.getMessage(), e.retryAfterSeconds());
      return;
    } catch (QueueFullException | BatcherClosedException e) {
      error(ctx, start, 503, e.getMessage(), ServedModel.RETRY_AFTER_SECONDS);
      return;
    } catch (RuntimeException e) {
      LOG.errorf(e, "inference request failed unexpectedly: %s", e.getMessage());
      error(ctx, start, 500, internal(e), null);
      return;
    }
    // JointInference completes on this event loop.
    pending.whenComplete(
        (answer, failure) -> {
          if (failure != null) {
            Throwable cause = unwrap(failure);
            if (cause instanceof BatcherClosedException) {
              error(ctx, start, 503, cause.getMessage(), ServedModel.RETRY_AFTER_SECONDS);
            } else {
              // The batcher logs failed forward passes once per batch.
              error(ctx, start, 500, internal(cause), null);
            }
            return;
          }
          respond(ctx, start, id, answer);
        });
  }

  private void respond(RoutingContext ctx, long start, String id, JointAnswer result) {
    ByteBuf json;
    try {
      json =
          InferenceResponseWriter.write(
              PooledByteBufAllocator.DEFAULT,
              modelName,
              result.modelVersion(),
              id,
              result.parameters(),
              outputName,
              result.output());
    } catch (RuntimeException e) {
      LOG.errorf(e, "cannot write an inference response: %s", e.getMessage());
      error(ctx, start, 500, internal(e), null);
      return;
    }
    // Vert.x hands Netty an unreleasable view of the buffer, so the pooled buffer goes back to the
    // pool here, once the write has finished or failed.
    try {
      ctx.response()
          .setStatusCode(200)
          .putHeader("Content-Type", "application/json")
          .end(Buffer.buffer(json))
          .onComplete(done -> json.release());
    } catch (RuntimeException e) {
      json.release();
      throw e;
    }
    metrics.requestFinished(200, System.nanoTime() - start);
  }

  private static InferenceRequest read(Buffer body) {
    if (body == null || body.length() == 0) {
      throw OipException.badRequest("request body is empty; send an OIP v2 inference request");
    }
    ByteBuf buf = body.getByteBuf();
    if (buf.hasArray()) {
      return InferenceRequestReader.read(
          buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes());
    }
    byte[] bytes = body.getBytes();
    return InferenceRequestReader.read(bytes, 0, bytes.length);
  }

  private void error(
      RoutingContext ctx, long start, int status, String message, Integer retryAfter) {
    if (!ctx.response().ended()) {
      ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json");
      if (retryAfter != null) {
        ctx.response().putHeader("Retry-After", retryAfter.toString());
      }
      ctx.response().end(ErrorBody.json(message));
    }
    metrics.requestFinished(status, System.nanoTime() - start);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable root = t;
    while (root instanceof CompletionException && root.getCause() != null) {
      root = root.getCause();
    }
    return root;
  }

  private static String internal(Throwable e) {
    return "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
