package dev.edgewise.runtime.serving;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.DynamicBatcher;
import dev.edgewise.runtime.batching.ForwardPass;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.model.EnginePreload;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelInput;
import dev.edgewise.runtime.model.ModelLoadException;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import dev.edgewise.runtime.model.Signature;
import dev.edgewise.runtime.model.SignatureJson;
import dev.edgewise.runtime.model.Tensor;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Holds the model version being served and the batcher in front of it. A new version loads beside
 * the current one and replaces it atomically; the old one is closed on the batcher thread once no
 * forward pass can be using it, so no request is dropped by a swap.
 */
@ApplicationScoped
public class ModelRegistry {

  private static final Logger LOG = Logger.getLogger(ModelRegistry.class);

  private final RuntimeConfig config;
  private final RuntimeMetrics metrics;
  private final ArtifactResolver artifacts;
  private final AtomicReference<LoadedModel> current = new AtomicReference<>();
  private final ConcurrentLinkedQueue<LoadedModel> retired = new ConcurrentLinkedQueue<>();
  private ModelLoader loader;
  private DynamicBatcher<ModelInput, List<Tensor>> batcher;

  /** Creates the registry; models load at startup. */
  public ModelRegistry(RuntimeConfig config, RuntimeMetrics metrics, ArtifactResolver artifacts) {
    this.config = config;
    this.metrics = metrics;
    this.artifacts = artifacts;
  }

  void onStart(@Observes StartupEvent event) {
    awaitEnginePreload();
    EngineSetup.configure(config.djl().cacheDir(), config.djl().numThreads());
    loader = loader(config.model());
    RuntimeConfig.BatchingConfig b = config.batching();
    batcher =
        new DynamicBatcher<>(
            b.maxBatchSize(),
            b.maxBatchDelay(),
            b.queueCapacity(),
            new ModelForwardPass(),
            metrics,
            this::closeRetired);
    metrics.watchQueue(batcher::queueDepth, b.queueCapacity());
    RuntimeConfig.ModelConfig m = config.model();
    try {
      Path local = initialArtifact(m);
      ModelSource initial =
          new ModelSource(
              m.name(),
              m.version(),
              local,
              m.format().map(ModelFormat::parse).orElseGet(() -> ModelFormat.guess(local)),
              m.sha256());
      load(initial);
    } catch (IOException | IllegalArgumentException e) {
      LOG.errorf(
          "initial model %s could not be fetched (%s); serving nothing until a load succeeds",
          m.uri().orElse(m.path().map(Path::toString).orElse("-")), e.getMessage());
    } catch (ModelLoadException e) {
      // The server stays up and answers not-ready; a later load through the repository API can fix
      // it.
      LOG.errorf(e, "initial model load failed; serving nothing until a load succeeds");
    }
  }

  /**
   * The loader for the configured signature ({@code edgewise.model.signature}); a signature that
   * does not parse stops the start with a message naming the property.
   */
  static ModelLoader loader(RuntimeConfig.ModelConfig m) {
    Optional<Signature> signature;
    try {
      signature = m.signature().filter(s -> !s.isBlank()).map(SignatureJson::parse);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "edgewise.model.signature (EDGEWISE_MODEL_SIGNATURE) is not a model signature: "
              + e.getMessage(),
          e);
    }
    return new ModelLoader(signature, m.inputName(), m.inputFeatures(), m.outputName());
  }

  /**
   * Waits for the PyTorch engine that {@code main} started loading before Quarkus booted, and
   * checks it used the settings Quarkus resolved. A failed preload is logged; the model load then
   * loads the engine itself and reports its own failure.
   */
  private void awaitEnginePreload() {
    long t0 = System.nanoTime();
    try {
      Optional<EnginePreload.Outcome> preloaded = EnginePreload.await();
      if (preloaded.isEmpty()) {
        return;
      }
      EnginePreload.Outcome o = preloaded.get();
      LOG.infof(
          "PyTorch engine preloaded on a background thread in %d ms (waited %d ms for it)",
          o.millis(), (System.nanoTime() - t0) / 1_000_000);
      if (!o.cacheDir().equals(config.djl().cacheDir())
          || !o.numThreads().equals(config.djl().numThreads())) {
        LOG.warnf(
            "PyTorch engine was preloaded with cache-dir=%s num-threads=%s but the configuration"
                + " says cache-dir=%s num-threads=%s; the preloaded engine stays in use",
            o.cacheDir().orElse(null),
            o.numThreads().orElse(null),
            config.djl().cacheDir().orElse(null),
            config.djl().numThreads().orElse(null));
      }
    } catch (ExecutionException e) {
      LOG.errorf(
          e.getCause(),
          "preloading the PyTorch engine failed (%s); the model load tries again",
          e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the PyTorch engine", e);
    }
  }

  /** The local file of the configured model: {@code edgewise.model.path}, or the fetched uri. */
  private Path initialArtifact(RuntimeConfig.ModelConfig m) throws IOException {
    if (m.path().isEmpty() && m.uri().isEmpty()) {
      throw new IllegalArgumentException(
          "no model is configured: set edgewise.model.uri (EDGEWISE_MODEL_URI) or"
              + " edgewise.model.path (EDGEWISE_MODEL_PATH)");
    }
    if (m.path().isPresent() && m.uri().isPresent()) {
      throw new IllegalArgumentException(
          "both edgewise.model.path and edgewise.model.uri are set: set exactly one");
    }
    return m.path().isPresent()
        ? m.path().get()
        : artifacts.resolve(m.uri().get(), null, m.sha256());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (batcher != null) {
      batcher.close();
    }
    closeRetired();
    LoadedModel last = current.getAndSet(null);
    if (last != null) {
      last.close();
    }
  }

  /**
   * Loads {@code source} beside the current version and switches to it. On failure the current
   * version keeps serving.
   */
  public synchronized LoadedModel load(ModelSource source) throws ModelLoadException {
    LoadedModel next;
    try {
      next = loader.load(source);
    } catch (ModelLoadException e) {
      LOG.errorf(
          "model load failed name=%s version=%s path=%s digest=%s expected-sha256=%s reason=%s",
          source.name(),
          source.version(),
          source.path(),
          digestOrDash(source.path()),
          source.sha256().orElse("-"),
          e.getMessage());
      throw e;
    }
    LoadedModel previous = current.getAndSet(next);
    metrics.modelServing(next);
    if (previous == null) {
      LOG.infof(
          "model loaded name=%s version=%s digest=sha256:%s bytes=%d format=%s load-ms=%d",
          source.name(),
          next.version(),
          next.digest(),
          next.bytes(),
          source.format(),
          next.loadTime().toMillis());
    } else {
      retired.add(previous);
      LOG.infof(
          "model swapped name=%s from-version=%s from-digest=sha256:%s to-version=%s"
              + " to-digest=sha256:%s load-ms=%d",
          source.name(),
          previous.version(),
          previous.digest(),
          next.version(),
          next.digest(),
          next.loadTime().toMillis());
    }
    return next;
  }

  /** The version being served, if any. */
  public Optional<LoadedModel> current() {
    return Optional.ofNullable(current.get());
  }

  /** Whether a model is loaded and requests can be answered. */
  public boolean ready() {
    return current.get() != null;
  }

  /** Queues a request's input for the next forward pass. */
  public CompletableFuture<DynamicBatcher.Result<List<Tensor>>> submit(ModelInput input)
      throws QueueFullException, BatcherClosedException {
    return batcher.submit(input);
  }

  /** The configured model name. */
  public String modelName() {
    return config.model().name();
  }

  /** The served model's forward pass: the batcher's requests go through {@link LoadedModel#run}. */
  private final class ModelForwardPass implements ForwardPass<ModelInput, List<Tensor>> {

    @Override
    public Split<List<Tensor>> runEach(List<ModelInput> inputs) throws Exception {
      LoadedModel model = served();
      return new Split<>(model.run(inputs), model.version());
    }

    private LoadedModel served() {
      LoadedModel model = current.get();
      if (model == null) {
        throw new IllegalStateException("no model is loaded");
      }
      return model;
    }
  }

  private static String digestOrDash(java.nio.file.Path path) {
    try {
      return java.nio.file.Files.exists(path)
          ? "sha256:" + dev.edgewise.runtime.model.Digests.sha256Hex(path)
          : "-";
    } catch (java.io.IOException e) {
      return "unreadable(" + e.getMessage() + ")";
    }
  }

  private void closeRetired() {
    LoadedModel old;
    while ((old = retired.poll()) != null) {
      old.close();
      LOG.infof(
          "model closed name=%s version=%s digest=sha256:%s",
          old.source().name(), old.version(), old.digest());
    }
  }
}
