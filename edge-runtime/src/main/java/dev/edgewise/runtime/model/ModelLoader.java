package dev.edgewise.runtime.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a model version from disk with DJL's PyTorch engine on CPU, checks its digest, and runs a
 * probe forward pass so a broken artifact fails here rather than on the first request.
 */
public final class ModelLoader {

  /** DJL engine used for every model. */
  public static final String ENGINE = "PyTorch";

  private final int inputFeatures;
  private final Optional<Signature> configured;
  private final String inputName;
  private final String outputName;

  /**
   * Creates a loader for models taking rows of {@code inputFeatures} floats, unless a signature
   * file lies beside the artifact.
   */
  public ModelLoader(int inputFeatures) {
    this(Optional.empty(), "input", inputFeatures, "logits");
  }

  /**
   * Creates a loader whose models have the {@code configured} signature; without one, the signature
   * file beside the artifact, else one FP32 input {@code [-1, inputFeatures]} named {@code
   * inputName} and the outputs the warm-up pass shows (a single one named {@code outputName}).
   */
  public ModelLoader(
      Optional<Signature> configured, String inputName, int inputFeatures, String outputName) {
    if (inputFeatures <= 0) {
      throw new IllegalArgumentException("input features must be positive");
    }
    this.inputFeatures = inputFeatures;
    this.configured = configured;
    this.inputName = inputName;
    this.outputName = outputName;
  }

  /**
   * The signature {@code source} is served with, before its warm-up pass fills in outputs.
   *
   * @throws ModelLoadException when it cannot be read, or declares INT16, which DJL 0.35.1's
   *     PyTorch engine cannot hold (it aborts the JVM on any INT16 array)
   */
  Signature declaredSignature(ModelSource source) throws ModelLoadException {
    Signature s = readSignature(source);
    for (TensorSpec t : concat(s.inputs(), s.outputs())) {
      if (t.datatype() == Datatype.INT16) {
        throw new ModelLoadException(
            "model "
                + source.path()
                + " declares INT16 tensor '"
                + t.name()
                + "': DJL 0.35.1's PyTorch engine aborts the JVM on INT16 tensors, so this runtime"
                + " does not load INT16 models (use INT32)");
      }
    }
    return s;
  }

  private static List<TensorSpec> concat(List<TensorSpec> a, List<TensorSpec> b) {
    List<TensorSpec> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private Signature readSignature(ModelSource source) throws ModelLoadException {
    if (configured.isPresent()) {
      return configured.get();
    }
    Optional<Path> file = SignatureJson.besides(source.path());
    if (file.isPresent()) {
      try {
        return SignatureJson.read(file.get());
      } catch (IOException | IllegalArgumentException e) {
        throw new ModelLoadException("cannot read signature " + e.getMessage(), e);
      }
    }
    return new Signature(
        List.of(new TensorSpec(inputName, Datatype.FP32, new long[] {-1, inputFeatures})),
        List.of());
  }

  /** Loads, verifies and probes the model described by {@code source}. */
  public LoadedModel load(ModelSource source) throws ModelLoadException {
    long start = System.nanoTime();
    Path path = source.path();
    if (!Files.exists(path)) {
      throw new ModelLoadException("model artifact not found: " + path);
    }
    String digest;
    long bytes;
    try {
      digest = Digests.sha256Hex(path);
      bytes = Digests.sizeOf(path);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read model artifact " + path + ": " + e.getMessage(), e);
    }
    if (source.sha256().isPresent() && !source.sha256().get().equalsIgnoreCase(digest)) {
      throw new ModelLoadException(
          "sha256 mismatch for "
              + path
              + ": expected "
              + source.sha256().get()
              + ", artifact has "
              + digest);
    }
    Signature signature = declaredSignature(source);
    Model model = null;
    Predictor<Matrix, Matrix> predictor = null;
    Predictor<List<Tensor>, List<Tensor>> tensors = null;
    try {
      model = open(source);
      predictor = model.newPredictor(new MatrixTranslator());
      tensors = model.newPredictor(new TensorTranslator());
      List<Tensor> probe;
      try {
        probe = tensors.predict(WarmUp.inputs(signature, 1));
      } catch (TranslateException | RuntimeException e) {
        throw new ModelLoadException(
            "model "
                + path
                + " failed its warm-up pass with inputs "
                + signature.inputs()
                + ": "
                + e.getMessage(),
            e);
      }
      if (signature.outputs().isEmpty()) {
        boolean batched = signature.inputs().stream().allMatch(TensorSpec::batched);
        signature = signature.withOutputs(OutputMapping.discovered(probe, outputName, batched, 1));
      }
      try {
        OutputMapping.check(signature, OutputMapping.declared(signature, probe));
      } catch (IllegalStateException e) {
        throw new ModelLoadException("model " + path + ": " + e.getMessage(), e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new LoadedModel(
          source,
          digest,
          bytes,
          took,
          rowWidth(signature.inputs()),
          rowWidth(signature.outputs()),
          model,
          predictor,
          tensors,
          signature);
    } catch (IOException | MalformedModelException | RuntimeException e) {
      closeQuietly(tensors, model, e);
      closeQuietly(predictor, null, e);
      throw new ModelLoadException(
          "cannot load " + source.format() + " model " + path + ": " + e.getMessage(), e);
    } catch (ModelLoadException e) {
      closeQuietly(tensors, model, e);
      closeQuietly(predictor, null, e);
      throw e;
    }
  }

  /** {@code F} when the first tensor is FP32 {@code [-1, F]} (what the tools' matrices need). */
  private static int rowWidth(List<TensorSpec> tensors) {
    if (tensors.isEmpty()) {
      return -1;
    }
    TensorSpec t = tensors.get(0);
    return t.datatype() == Datatype.FP32 && t.shape().length == 2 && t.shape()[1] > 0
        ? (int) t.shape()[1]
        : -1;
  }

  private Model open(ModelSource source)
      throws IOException, MalformedModelException, ModelLoadException {
    Path path = source.path().toAbsolutePath();
    return switch (source.format()) {
      case TorchScript -> openTorchScript(source.name(), path, false);
      case DJL -> openDjl(source.name(), path);
      case Compressed -> CompressedModels.open(source.name(), path, this);
    };
  }

  /**
   * Opens a TorchScript file; with {@code trainable} its parameters are exposed so they can be
   * replaced (used for compressed artifacts).
   */
  Model openTorchScript(String name, Path file, boolean trainable)
      throws IOException, MalformedModelException, ModelLoadException {
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("TorchScript model must be a file: " + file);
    }
    Model model = Model.newInstance(name, ENGINE);
    try {
      String prefix = file.getFileName().toString().replaceFirst("\\.pt$", "");
      model.load(
          file.getParent(),
          prefix,
          trainable ? Map.of("trainParam", "true", "mapLocation", "true") : Map.of());
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  private Model openDjl(String name, Path dir)
      throws IOException, MalformedModelException, ModelLoadException {
    if (!Files.isDirectory(dir)) {
      throw new ModelLoadException("DJL model must be a directory: " + dir);
    }
    MlpArchitecture arch = MlpArchitecture.read(dir);
    if (arch.inputs() != inputFeatures) {
      throw new ModelLoadException(
          "DJL model " + dir + " takes " + arch.inputs() + " inputs, expected " + inputFeatures);
    }
    Model model = Model.newInstance(name, ENGINE);
    try {
      model.setBlock(arch.toBlock());
      model.load(dir, arch.prefix());
      return model;
    } catch (IOException | MalformedModelException | RuntimeException e) {
      model.close();
      throw e;
    }
  }

  /**
   * Opens a TorchScript or DJL artifact with its parameters exposed (and writable), for tools that
   * read or rewrite weights. The caller closes the model.
   */
  public Model openForParameters(ModelSource source)
      throws IOException, MalformedModelException, ModelLoadException {
    Path path = source.path().toAbsolutePath();
    return switch (source.format()) {
      case TorchScript -> openTorchScript(source.name(), path, true);
      case DJL -> openDjl(source.name(), path);
      case Compressed -> CompressedModels.open(source.name(), path, this);
    };
  }

  private static void closeQuietly(Predictor<?, ?> predictor, Model model, Exception primary) {
    try {
      if (predictor != null) {
        predictor.close();
      }
      if (model != null) {
        model.close();
      }
    } catch (RuntimeException closeFailure) {
      primary.addSuppressed(closeFailure);
    }
  }
}
