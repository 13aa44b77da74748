package dev.edgewise.runtime.model;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fully connected ReLU network described by its layer widths (e.g. 64-32-10), stored next to a
 * DJL model's parameters as {@code edgewise-model.json} so the block can be rebuilt at load time.
 *
 * @param layers widths from input to output, at least two
 * @param prefix the DJL parameter file prefix ({@code <prefix>-0000.params})
 */
public record MlpArchitecture(List<Integer> layers, String prefix) {

  /** File name of the architecture sidecar inside a DJL model directory. */
  public static final String FILE_NAME = "edgewise-model.json";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Validates widths. */
  public MlpArchitecture {
    if (layers == null || layers.size() < 2) {
      throw new IllegalArgumentException("an MLP needs at least an input and an output width");
    }
    for (int w : layers) {
      if (w <= 0) {
        throw new IllegalArgumentException("layer widths must be positive, got " + layers);
      }
    }
    layers = List.copyOf(layers);
    if (prefix == null || prefix.isBlank()) {
      throw new IllegalArgumentException("parameter prefix must not be blank");
    }
  }

  /** Input width. */
  public int inputs() {
    return layers.get(0);
  }

  /** Output width. */
  public int outputs() {
    return layers.get(layers.size() - 1);
  }

  /** Builds an uninitialized DJL block: Linear, ReLU, ..., Linear. */
  public Block toBlock() {
    SequentialBlock block = new SequentialBlock();
    for (int i = 1; i < layers.size(); i++) {
      block.add(Linear.builder().setUnits(layers.get(i)).build());
      if (i < layers.size() - 1) {
        block.add(Activation::relu);
      }
    }
    return block;
  }

  /** Human-readable form such as {@code 64-32-10}. */
  public String describe() {
    return String.join("-", layers.stream().map(String::valueOf).toList());
  }

  /** Reads the sidecar from a DJL model directory. */
  public static MlpArchitecture read(Path modelDir) throws IOException {
    Path file = modelDir.resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new IOException(
          "DJL model directory " + modelDir + " has no " + FILE_NAME + " describing its layers");
    }
    return JSON.readValue(file.toFile(), MlpArchitecture.class);
  }

  /** Writes the sidecar into a DJL model directory. */
  public void write(Path modelDir) throws IOException {
    JSON.writerWithDefaultPrettyPrinter().writeValue(modelDir.resolve(FILE_NAME).toFile(), this);
  }
}
