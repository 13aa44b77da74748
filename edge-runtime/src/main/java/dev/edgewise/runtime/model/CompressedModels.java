package dev.edgewise.runtime.model;

import ai.djl.Model;
import java.nio.file.Path;

/**
 * Opens compressed artifacts ({@code .ewz}): dequantizes weights into a TorchScript or DJL model.
 */
final class CompressedModels {

  private CompressedModels() {}

  static Model open(String name, Path path, ModelLoader loader) throws ModelLoadException {
    throw new ModelLoadException("compressed artifacts are not supported yet: " + path);
  }
}
