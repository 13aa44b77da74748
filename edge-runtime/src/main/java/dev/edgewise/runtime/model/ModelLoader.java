package dev.edgewise.runtime.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Loads a model version from disk with DJL's PyTorch engine on CPU, checks its digest, and runs a
 * probe forward pass so a broken artifact fails here rather than on the first request.
 */
public final class ModelLoader {

  /** DJL engine used for every model. */
  public static final String ENGINE = "PyTorch";

  private final int inputFeatures;

  /** Creates a loader for models taking rows of {@code inputFeatures} floats. */
  public ModelLoader(int inputFeatures) {
    if (inputFeatures <= 0) {
      throw new IllegalArgumentException("input features must be positive");
    }
    this.inputFeatures = inputFeatures;
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
    Model model = null;
    Predictor<Matrix, Matrix> predictor = null;
    try {
      model = open(source);
      predictor = model.newPredictor(new MatrixTranslator());
      Matrix probe = predictor.predict(new Matrix(new float[inputFeatures], 1, inputFeatures));
      if (probe.rows() != 1 || probe.cols() <= 0) {
        throw new ModelLoadException(
            "model "
                + path
                + " answered a 1x"
                + inputFeatures
                + " probe with "
                + probe.rows()
                + "x"
                + probe.cols());
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new LoadedModel(
          source, digest, bytes, took, inputFeatures, probe.cols(), model, predictor);
    } catch (IOException | MalformedModelException | TranslateException | RuntimeException e) {
      closeQuietly(predictor, model, e);
      throw new ModelLoadException(
          "cannot load " + source.format() + " model " + path + ": " + e.getMessage(), e);
    } catch (ModelLoadException e) {
      closeQuietly(predictor, model, e);
      throw e;
    }
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

  private static void closeQuietly(
      Predictor<Matrix, Matrix> predictor, Model model, Exception primary) {
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
