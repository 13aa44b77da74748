package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.ForwardFailedException;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.collaboration.JointAnswer;
import dev.edgewise.runtime.collaboration.JointInference;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Tensor;
import dev.edgewise.runtime.serving.ModelRegistry;
import dev.edgewise.runtime.serving.RuntimeConfig;
import dev.edgewise.runtime.serving.RuntimeMetrics;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * The inference data plane, free of any transport: a request body (JSON, or a JSON header and
 * binary tensor data) is read, checked against the served model's signature, answered by {@link
 * JointInference} (the batcher, then the cloud for hard rows when configured) and written as the
 * response body. Every failure maps to its status in one place ({@link #failure}), and every answer
 * is counted by one hook ({@link #finished}).
 */
@Singleton
public class DataPlane {

  private static final Logger LOG = Logger.getLogger(DataPlane.class);

  private final ModelRegistry registry;
  private final JointInference joint;
  private final ServedModel served;
  private final RuntimeMetrics metrics;
  private final TensorCodec codec;
  private final RuntimeConfig.ModelConfig model;
  private final int maxRows;

  /** Creates the data plane of the configured model. */
  public DataPlane(
      ModelRegistry registry, JointInference joint, RuntimeConfig config, RuntimeMetrics metrics) {
    this.registry = registry;
    this.joint = joint;
    this.model = config.model();
    this.served = new ServedModel(registry, model.name());
    this.metrics = metrics;
    this.maxRows = config.batching().maxRowsPerRequest();
    this.codec = new TensorCodec(model.name(), maxRows);
  }

  /**
   * A failure as the client sees it.
   *
   * @param status the HTTP status
   * @param message the error body's message
   * @param retryAfterSeconds the {@code Retry-After} header, or null
   */
  public record Failure(int status, String message, Integer retryAfterSeconds) {}

  /**
   * Answers one inference request; never throws: every problem completes the future exceptionally
   * (see {@link #failure}). Completes on the calling Vert.x context.
   *
   * @param version the version the path names, or null
   * @param headerLength the {@code Inference-Header-Content-Length} header of a binary request, or
   *     null for a JSON body
   */
  public CompletableFuture<ResponseWriter.Body> infer(
      String name, String version, byte[] body, int offset, int length, String headerLength) {
    try {
      LoadedModel m = version == null ? served.loaded(name) : served.loaded(name, version);
      InferenceRequest request =
          headerLength == null
              ? JsonRequestReader.read(body, offset, length)
              : BinaryTensors.decode(body, offset, length, headerLength(headerLength));
      TensorCodec.Decoded decoded = codec.decode(request, m.signature());
      return joint.infer(decoded.input(), decoded.id()).thenApply(a -> encode(decoded, a));
    } catch (QueueFullException | BatcherClosedException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private ResponseWriter.Body encode(TensorCodec.Decoded decoded, JointAnswer answer) {
    List<Tensor> chosen = new ArrayList<>(decoded.outputs().size());
    for (TensorCodec.OutputChoice c : decoded.outputs()) {
      chosen.add(answer.outputs().get(c.index()));
    }
    return ResponseWriter.write(
        model.name(),
        answer.modelVersion(),
        decoded.id(),
        answer.parameters(),
        chosen,
        decoded.outputs());
  }

  private static long headerLength(String header) {
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      throw OipException.badRequest(
          BinaryTensors.HEADER_LENGTH + " must be a number of bytes, got '" + header + "'");
    }
  }

  /** The body limit of the served model (or of the configured fallback before one loads). */
  public RequestSizeLimit sizeLimit() {
    return registry
        .current()
        .map(
            m -> RequestSizeLimit.of(model.name(), m.signature(), maxRows, model.maxRequestBytes()))
        .orElseGet(
            () ->
                new RequestSizeLimit(
                    model.maxRequestBytes().orElse(RequestSizeLimit.UNBOUNDED_DEFAULT),
                    "no model is loaded yet"));
  }

  /** The status and message of {@code error}; the server's own failures (500) are logged. */
  public static Failure failure(Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof OipException o) {
      return new Failure(o.status(), o.getMessage(), o.retryAfterSeconds());
    }
    if (e instanceof QueueFullException || e instanceof BatcherClosedException) {
      return new Failure(503, e.getMessage(), ServedModel.RETRY_AFTER_SECONDS);
    }
    // The batcher logs a failed forward pass once per batch; anything else is logged here.
    if (e instanceof ForwardFailedException && e.getCause() != null) {
      e = e.getCause();
    } else {
      LOG.errorf(e, "inference request failed unexpectedly: %s", e.getMessage());
    }
    return new Failure(
        500, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
  }

  /** Counts one answered request. */
  public void finished(int status, long startNanos) {
    metrics.requestFinished(status, System.nanoTime() - startNanos);
  }
}
