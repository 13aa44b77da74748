package dev.edgewise.runtime.model;

import java.util.Locale;

/** How a model artifact is stored on disk. */
public enum ModelFormat {
  /**
   * A TorchScript module ({@code .pt}) as exported by {@code torch.jit.trace} or {@code script}.
   */
  TorchScript,
  /**
   * A DJL model directory: {@code <name>-0000.params} plus {@code edgewise-model.json} describing
   * the MLP architecture.
   */
  DJL,
  /**
   * An Edgewise compressed artifact ({@code .ewz}): quantized or pruned weights plus a skeleton.
   */
  Compressed;

  /** Parses a format name case-insensitively, naming the accepted values on failure. */
  public static ModelFormat parse(String text) {
    for (ModelFormat f : values()) {
      if (f.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "unknown model format '" + text + "'; use TorchScript, DJL or Compressed");
  }

  /**
   * Guesses the format from a path: {@code .ewz} files are compressed artifacts, directories are
   * DJL models, anything else is TorchScript.
   */
  public static ModelFormat guess(java.nio.file.Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ewz")) {
      return Compressed;
    }
    if (java.nio.file.Files.isDirectory(path)) {
      return DJL;
    }
    return TorchScript;
  }
}
