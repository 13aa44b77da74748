package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoadException;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Shared helpers for commands that open models and data sets. */
final class ModelOptions {

  private ModelOptions() {}

  /** A plain path, or the path of a {@code file://} URI. */
  static Path localPath(String pathOrFileUri) {
    if (pathOrFileUri.startsWith("file:")) {
      return Path.of(java.net.URI.create(pathOrFileUri));
    }
    return Path.of(pathOrFileUri);
  }

  static ModelSource source(Path path, String format) {
    if (!Files.exists(path)) {
      throw new IllegalArgumentException("model not found: " + path);
    }
    ModelFormat f = format == null ? ModelFormat.guess(path) : ModelFormat.parse(format);
    return new ModelSource("model", "1", path, f, Optional.empty());
  }

  static LoadedModel load(ModelLoader loader, Path path, String format) throws ModelLoadException {
    return loader.load(source(path, format));
  }

  static DigitsData data(Path csv, String split) throws java.io.IOException {
    if (!Files.isRegularFile(csv)) {
      throw new IllegalArgumentException("data file not found: " + csv);
    }
    DigitsData all = DigitsData.read(csv);
    return switch (split) {
      case "test" -> all.testSplit();
      case "train" -> all.trainSplit();
      case "all" -> all;
      default ->
          throw new IllegalArgumentException("--split must be test, train or all, got " + split);
    };
  }

  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.empty());
  }
}
