package dev.edgewise.runtime.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.edgewise.runtime.compress.CompressedArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens compressed artifacts ({@code .ewz}): dequantizes the weights into the TorchScript skeleton
 * (loaded with trainable parameters) or into a freshly built DJL MLP block.
 */
final class CompressedModels {

  private CompressedModels() {}

  static Model open(String name, Path path, ModelLoader loader)
      throws IOException, MalformedModelException, ModelLoadException {
    CompressedArtifact.Contents contents = CompressedArtifact.read(path);
    Model model;
    if (contents.skeleton() != null) {
      Path tmpDir = Files.createTempDirectory("edgewise-skeleton");
      Path skeleton = tmpDir.resolve("skeleton.pt");
      try {
        Files.write(skeleton, contents.skeleton());
        model = loader.openTorchScript(name, skeleton, true);
      } finally {
        Files.deleteIfExists(skeleton);
        Files.deleteIfExists(tmpDir);
      }
    } else if (contents.manifest().architecture() != null) {
      MlpArchitecture arch = contents.manifest().architecture();
      model = Model.newInstance(name, ModelLoader.ENGINE);
      model.setBlock(arch.toBlock());
      model
          .getBlock()
          .initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, arch.inputs()));
    } else {
      throw new ModelLoadException(
          path + " has neither a TorchScript skeleton nor an architecture");
    }
    try {
      ModelParameters.write(model, contents.tensors());
      return model;
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
  }
}
