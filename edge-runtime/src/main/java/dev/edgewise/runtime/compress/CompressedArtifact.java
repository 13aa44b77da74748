package dev.edgewise.runtime.compress;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.model.MlpArchitecture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The Edgewise compressed model format ({@code .ewz}): a zip holding {@code
 * edgewise-compressed.json} (method, parent, tensor table), one deflated entry per tensor in its
 * {@link TensorEncoding}, and for TorchScript parents {@code skeleton.pt}, the module with every
 * parameter zeroed (so it deflates to almost nothing). Loading dequantizes the tensors back into
 * the skeleton.
 */
public final class CompressedArtifact {

  /** Name of the table of contents inside the zip. */
  public static final String MANIFEST = "edgewise-compressed.json";

  /** Name of the TorchScript skeleton inside the zip. */
  public static final String SKELETON = "skeleton.pt";

  private static final ObjectMapper JSON = new ObjectMapper();

  private CompressedArtifact() {}

  /**
   * One tensor in the table of contents.
   *
   * @param name parameter name
   * @param shape dimensions
   * @param encoding byte layout
   * @param entry zip entry holding the bytes
   */
  public record TensorEntry(String name, long[] shape, TensorEncoding encoding, String entry) {}

  /**
   * Table of contents.
   *
   * @param formatVersion layout version, 1
   * @param method compression method
   * @param sparsity fraction of weights pruned (0 when not pruning)
   * @param parentFormat TorchScript or DJL
   * @param parentDigest sha256 of the uncompressed parent
   * @param architecture the MLP layout for DJL parents, null for TorchScript
   * @param tensors the tensors
   */
  public record Manifest(
      int formatVersion,
      CompressionMethod method,
      double sparsity,
      String parentFormat,
      String parentDigest,
      MlpArchitecture architecture,
      List<TensorEntry> tensors) {}

  /**
   * A read artifact: its table, the skeleton (or null) and the dequantized tensors.
   *
   * @param manifest table of contents
   * @param skeleton TorchScript skeleton bytes, or null for DJL parents
   * @param tensors dequantized tensors in table order
   */
  public record Contents(Manifest manifest, byte[] skeleton, List<NamedTensor> tensors) {}

  /** Writes an artifact atomically: to a temporary file, then renamed to {@code out}. */
  public static void write(
      Path out,
      CompressionMethod method,
      double sparsity,
      String parentFormat,
      String parentDigest,
      MlpArchitecture architecture,
      byte[] skeleton,
      List<NamedTensor> tensors)
      throws IOException {
    List<TensorEntry> entries = new ArrayList<>();
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    try (OutputStream file = Files.newOutputStream(tmp);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.setLevel(Deflater.BEST_COMPRESSION);
      for (int i = 0; i < tensors.size(); i++) {
        NamedTensor t = tensors.get(i);
        TensorEncoding enc = TensorEncoding.forTensor(method, t.isWeight());
        String entry = "tensors/" + i + ".bin";
        entries.add(new TensorEntry(t.name(), t.shape(), enc, entry));
        zip.putNextEntry(new ZipEntry(entry));
        zip.write(enc.encode(t));
        zip.closeEntry();
      }
      if (skeleton != null) {
        zip.putNextEntry(new ZipEntry(SKELETON));
        zip.write(skeleton);
        zip.closeEntry();
      }
      Manifest manifest =
          new Manifest(1, method, sparsity, parentFormat, parentDigest, architecture, entries);
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writeValueAsBytes(manifest));
      zip.closeEntry();
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads and dequantizes an artifact. */
  public static Contents read(Path path) throws IOException {
    Map<String, byte[]> entries = new HashMap<>();
    try (InputStream file = Files.newInputStream(path);
        ZipInputStream zip = new ZipInputStream(file)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        zip.transferTo(buf);
        entries.put(e.getName(), buf.toByteArray());
      }
    }
    byte[] manifestBytes = entries.get(MANIFEST);
    if (manifestBytes == null) {
      throw new IOException(path + " is not an Edgewise compressed artifact (no " + MANIFEST + ")");
    }
    Manifest manifest = JSON.readValue(manifestBytes, Manifest.class);
    if (manifest.formatVersion() != 1) {
      throw new IOException(
          path + " has compressed format version " + manifest.formatVersion() + "; this reads 1");
    }
    List<NamedTensor> tensors = new ArrayList<>();
    for (TensorEntry t : manifest.tensors()) {
      byte[] bytes = entries.get(t.entry());
      if (bytes == null) {
        throw new IOException(path + " lacks tensor entry " + t.entry() + " for " + t.name());
      }
      long count = 1;
      for (long d : t.shape()) {
        count *= d;
      }
      int channels = t.shape().length == 0 ? 1 : (int) t.shape()[0];
      tensors.add(
          new NamedTensor(t.name(), t.shape(), t.encoding().decode(bytes, (int) count, channels)));
    }
    return new Contents(manifest, entries.get(SKELETON), tensors);
  }
}
