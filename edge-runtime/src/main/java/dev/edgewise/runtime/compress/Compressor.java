package dev.edgewise.runtime.compress;

import ai.djl.Model;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import dev.edgewise.runtime.model.Digests;
import dev.edgewise.runtime.model.MlpArchitecture;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelParameters;
import dev.edgewise.runtime.model.ModelSource;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a compressed artifact for a TorchScript or DJL parent: reads its parameters, prunes and
 * encodes the weights as the method says, and for TorchScript keeps the module as a zeroed
 * skeleton.
 */
public final class Compressor {

  /** File name of the artifact inside the output directory. */
  public static final String ARTIFACT = "model.ewz";

  private final ModelLoader loader;

  /** Creates a compressor that opens parents with {@code loader}. */
  public Compressor(ModelLoader loader) {
    this.loader = loader;
  }

  /**
   * What was written.
   *
   * @param artifact the {@code .ewz} file
   * @param parentDigest sha256 of the parent
   * @param digest sha256 of the artifact
   * @param bytesBefore parent size on disk
   * @param bytesAfter artifact size on disk
   */
  public record Written(
      Path artifact, String parentDigest, String digest, long bytesBefore, long bytesAfter) {}

  /** Compresses {@code parent} into {@code outDir/model.ewz}. */
  public Written compress(
      ModelSource parent, CompressionMethod method, double sparsity, Path outDir) throws Exception {
    if (parent.format() == ModelFormat.Compressed) {
      throw new IllegalArgumentException("the parent is already compressed: " + parent.path());
    }
    if (method.prunes() && (sparsity <= 0 || sparsity >= 1)) {
      throw new IllegalArgumentException("pruning needs a sparsity in (0, 1), got " + sparsity);
    }
    Files.createDirectories(outDir);
    String parentDigest = Digests.sha256Hex(parent.path());
    long before = Digests.sizeOf(parent.path());
    List<NamedTensor> tensors;
    byte[] skeleton = null;
    MlpArchitecture arch = null;
    try (Model model = loader.openForParameters(parent)) {
      tensors = ModelParameters.read(model);
      if (parent.format() == ModelFormat.TorchScript) {
        List<NamedTensor> zeros = new ArrayList<>();
        for (NamedTensor t : tensors) {
          zeros.add(new NamedTensor(t.name(), t.shape(), new float[t.values().length]));
        }
        ModelParameters.write(model, zeros);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JniUtils.writeModule((PtSymbolBlock) model.getBlock(), out, false);
        skeleton = out.toByteArray();
      } else {
        arch = MlpArchitecture.read(parent.path());
      }
    }
    List<NamedTensor> prepared = new ArrayList<>();
    for (NamedTensor t : tensors) {
      boolean prune = method.prunes() && t.isWeight();
      prepared.add(
          prune
              ? new NamedTensor(t.name(), t.shape(), MagnitudePruner.prune(t.values(), sparsity))
              : t);
    }
    Path artifact = outDir.resolve(ARTIFACT);
    CompressedArtifact.write(
        artifact,
        method,
        method.prunes() ? sparsity : 0,
        parent.format().name(),
        parentDigest,
        arch,
        skeleton,
        prepared);
    return new Written(
        artifact, parentDigest, Digests.sha256Hex(artifact), before, Files.size(artifact));
  }
}
