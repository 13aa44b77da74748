package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.model.Matrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A labelled CSV such as the digits set: a header, {@code features} numeric columns, then an
 * integer {@code label}. Pixel values are scaled by {@code 1/16} (the fixtures' input convention).
 *
 * @param features one row per example
 * @param labels the class of each row
 */
public record DigitsData(Matrix features, int[] labels) {

  /** Seed of the fixed train/test split. */
  public static final long SPLIT_SEED = 42;

  /** Fraction of rows held out for testing. */
  public static final double TEST_FRACTION = 0.2;

  /** Pixel scale used by the fixtures: inputs are {@code pixel / 16}. */
  public static final float SCALE = 16f;

  /** Reads the CSV; fails with the line number on malformed rows. */
  public static DigitsData read(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    if (lines.isEmpty()) {
      throw new IOException(csv + " is empty");
    }
    String[] header = lines.get(0).split(",");
    int cols = header.length - 1;
    if (cols < 1 || !header[cols].trim().equals("label")) {
      throw new IOException(csv + ": the last column must be 'label', header is " + lines.get(0));
    }
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",");
      if (parts.length != cols + 1) {
        throw new IOException(
            csv + " line " + (i + 1) + " has " + parts.length + " columns, expected " + (cols + 1));
      }
      float[] row = new float[cols];
      try {
        for (int c = 0; c < cols; c++) {
          row[c] = Float.parseFloat(parts[c]) / SCALE;
        }
        labels.add(Integer.parseInt(parts[cols].trim()));
      } catch (NumberFormatException e) {
        throw new IOException(csv + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      rows.add(row);
    }
    float[] data = new float[rows.size() * cols];
    for (int r = 0; r < rows.size(); r++) {
      System.arraycopy(rows.get(r), 0, data, r * cols, cols);
    }
    return new DigitsData(
        new Matrix(data, rows.size(), cols), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** Number of classes ({@code max label + 1}). */
  public int classes() {
    int max = 0;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }

  /** The fixed held-out test rows (a seeded permutation's last 20%). */
  public DigitsData testSplit() {
    int[] order = permutation();
    int test = (int) Math.round(size() * TEST_FRACTION);
    return subset(order, size() - test, size());
  }

  /** The fixed training rows (the rest). */
  public DigitsData trainSplit() {
    int[] order = permutation();
    int test = (int) Math.round(size() * TEST_FRACTION);
    return subset(order, 0, size() - test);
  }

  private int[] permutation() {
    int[] order = new int[size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(SPLIT_SEED);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }

  private DigitsData subset(int[] order, int from, int to) {
    int cols = features.cols();
    float[] data = new float[(to - from) * cols];
    int[] l = new int[to - from];
    for (int i = from; i < to; i++) {
      System.arraycopy(features.data(), order[i] * cols, data, (i - from) * cols, cols);
      l[i - from] = labels[order[i]];
    }
    return new DigitsData(new Matrix(data, to - from, cols), l);
  }
}
