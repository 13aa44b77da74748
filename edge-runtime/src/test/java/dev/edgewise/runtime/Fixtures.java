package dev.edgewise.runtime;

import dev.edgewise.runtime.model.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Paths to the test fixtures (copied from shared/fixtures) and a reader for their parity files. */
public final class Fixtures {

  /** The student MLP 64-32-10 exported by PyTorch. */
  public static final Path STUDENT = Path.of("src/test/resources/fixtures/digits_student_mlp.pt");

  /** The small CNN exported by PyTorch (input [N,64] too). */
  public static final Path CNN = Path.of("src/test/resources/fixtures/digits_cnn.pt");

  /** The digits data set shipped with the module. */
  public static final Path DIGITS = Path.of("demo/digits.csv");

  private Fixtures() {}

  /** Inputs and the logits PyTorch produced for them. */
  public record Parity(Matrix inputs, Matrix logits) {}

  /** Reads {@code <model>.parity.csv} next to a fixture model: 64 inputs then 10 logits a row. */
  public static Parity parity(Path model) {
    return parityCsv(
        model.resolveSibling(model.getFileName().toString().replace(".pt", ".parity.csv")));
  }

  /** Reads a reference CSV of 64 inputs then 10 outputs a row ({@code #} lines are comments). */
  public static Parity parityCsv(Path csv) {
    try {
      List<float[]> rows = new ArrayList<>();
      for (String line : Files.readAllLines(csv)) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(",");
        float[] row = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
          row[i] = Float.parseFloat(parts[i]);
        }
        rows.add(row);
      }
      float[] in = new float[rows.size() * 64];
      float[] out = new float[rows.size() * 10];
      for (int r = 0; r < rows.size(); r++) {
        System.arraycopy(rows.get(r), 0, in, r * 64, 64);
        System.arraycopy(rows.get(r), 64, out, r * 10, 10);
      }
      return new Parity(new Matrix(in, rows.size(), 64), new Matrix(out, rows.size(), 10));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
