package dev.edgewise.runtime.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The runtime's configuration under {@code edgewise.*}. */
@ConfigMapping(prefix = "edgewise")
public interface RuntimeConfig {

  /** The model to serve. */
  ModelConfig model();

  /** Dynamic batching and backpressure. */
  BatchingConfig batching();

  /** DJL engine settings. */
  DjlConfig djl();

  /** Edge-cloud joint inference; off unless {@code cloud-url} is set. */
  CollaborationConfig collaboration();

  /** The served model and its tensor names. */
  interface ModelConfig {
    /** Model name in OIP paths. */
    @WithDefault("digits")
    String name();

    /** Version served at start. */
    @WithDefault("1")
    String version();

    /** Path of the artifact: a TorchScript file, a DJL model directory or a {@code .ewz} file. */
    /** A local artifact to serve; or give {@link #uri()}. */
    Optional<Path> path();

    /** An artifact to fetch and serve (file://, pvc://, http(s):// with sha256); or give path. */
    Optional<String> uri();

    /** TorchScript, DJL or Compressed; guessed from the path when absent. */
    Optional<String> format();

    /** Expected sha256 of the artifact; loading refuses a mismatch. */
    Optional<String> sha256();

    /**
     * The model's signature as JSON, {@code {"inputs": [{"name", "datatype", "shape"}], "outputs":
     * [...]}} (the operator sets it from the ModelDeployment's {@code spec.model.inputs/outputs});
     * absent: the {@code <artifact>.signature.json} or {@code signature.json} file beside the
     * artifact, else one FP32 {@code [-1, input-features]} input.
     */
    Optional<String> signature();

    /** Name of the single input tensor when no signature is given. */
    @WithDefault("input")
    String inputName();

    /** Width of one input row when no signature is given. */
    @WithDefault("64")
    int inputFeatures();

    /** Name of the single output tensor when no signature is given. */
    @WithDefault("logits")
    String outputName();

    /**
     * Largest inference request body in bytes; absent: sized from the signature, the JSON a request
     * of {@code max-rows-per-request} rows can take.
     */
    Optional<Long> maxRequestBytes();

    /** Directory where models loaded from http(s) URIs are cached, keyed by sha256. */
    @WithDefault("${java.io.tmpdir}/edgewise-models")
    Path cacheDir();
  }

  /** How requests are grouped into forward passes. */
  interface BatchingConfig {
    /** Most rows in one forward pass. */
    @WithDefault("32")
    int maxBatchSize();

    /** Longest a request waits for others to join its batch. */
    @WithDefault("1ms")
    Duration maxBatchDelay();

    /** Most requests waiting at once; beyond that requests get 503 with Retry-After. */
    @WithDefault("512")
    int queueCapacity();

    /** Most rows accepted in one request. */
    @WithDefault("1024")
    int maxRowsPerRequest();
  }

  /** DJL engine settings. */
  interface DjlConfig {
    /** Where DJL extracts the PyTorch native libraries ({@code ENGINE_CACHE_DIR}). */
    Optional<Path> cacheDir();

    /** PyTorch intra-op threads; unset lets PyTorch decide. */
    Optional<Integer> numThreads();

    /**
     * Whether the server's {@code main} loads the PyTorch engine on a background thread while
     * Quarkus boots (read by {@code EnginePreload} before configuration exists).
     */
    @WithDefault("true")
    boolean preload();
  }

  /**
   * Edge-cloud joint inference: rows the local model is unsure of are sent to a cloud runtime
   * serving the full model. The operator sets these as {@code EDGEWISE_COLLABORATION_*} variables;
   * {@code dev.edgewise.runtime.collaboration.CollaborationSettings} checks them at startup.
   */
  interface CollaborationConfig {
    /** Base URL of the cloud runtime (http or https); absent means edge only. */
    Optional<String> cloudUrl();

    /** The output whose rows' confidence decides what is hard; the model's first by default. */
    Optional<String> output();

    /** A row is hard when its top-class probability is below this (0..1). */
    Optional<Double> confidenceThreshold();

    /** Most rows, in percent of the last {@link #budgetWindowRows()}, sent to the cloud. */
    Optional<Integer> offloadBudgetPercent();

    /** Longest the edge waits for the cloud before answering alone, in milliseconds. */
    @WithDefault("200")
    long cloudDeadlineMs();

    /** Rows in the sliding window over which the offload budget is counted. */
    @WithDefault("1000")
    int budgetWindowRows();

    /** Where hard examples are appended as JSON Lines; absent means they are not kept. */
    Optional<Path> hardExamplesDir();

    /** Size at which the hard-examples file is rotated (renamed to {@code .1}). */
    @WithDefault("67108864")
    long hardExamplesMaxBytes();

    /** Rotated hard-examples files kept beside the current one; the oldest is deleted. */
    @WithDefault("1")
    int hardExamplesMaxBackups();
  }
}
