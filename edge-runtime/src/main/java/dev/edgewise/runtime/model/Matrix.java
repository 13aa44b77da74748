package dev.edgewise.runtime.model;

import java.util.Arrays;

/**
 * A dense row-major float matrix: the unit of data that flows from a request through the batcher
 * into the model and back.
 */
public record Matrix(float[] data, int rows, int cols)
    implements dev.edgewise.runtime.batching.BatchItem {

  /** Checks that {@code data} holds exactly {@code rows * cols} values. */
  public Matrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("rows and cols must be >= 0, got " + rows + "x" + cols);
    }
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "a "
              + rows
              + "x"
              + cols
              + " matrix needs "
              + (long) rows * cols
              + " values, got "
              + data.length);
    }
  }

  /** Matrices of the same width can be stacked. */
  @Override
  public Object batchKey() {
    return cols;
  }

  /** Returns a copy of rows {@code [from, from + count)}. */
  public Matrix rows(int from, int count) {
    if (from < 0 || count < 0 || from + count > rows) {
      throw new IndexOutOfBoundsException(
          "rows [" + from + ", " + (from + count) + ") of a matrix with " + rows + " rows");
    }
    return new Matrix(Arrays.copyOfRange(data, from * cols, (from + count) * cols), count, cols);
  }

  /** Returns row {@code r} as a new array. */
  public float[] row(int r) {
    return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
  }

  /** Stacks matrices with the same column count on top of each other. */
  public static Matrix stack(java.util.List<Matrix> parts) {
    int cols = parts.isEmpty() ? 0 : parts.get(0).cols();
    int rows = (int) stackedRows(parts);
    float[] out = new float[rows * cols];
    int offset = 0;
    for (Matrix m : parts) {
      System.arraycopy(m.data(), 0, out, offset, m.data().length);
      offset += m.data().length;
    }
    return new Matrix(out, rows, cols);
  }

  /**
   * The rows of {@code parts} stacked on top of each other.
   *
   * @throws IllegalArgumentException when there are no parts or their column counts differ
   */
  static long stackedRows(java.util.List<Matrix> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack");
    }
    int cols = parts.get(0).cols();
    long rows = 0;
    for (Matrix m : parts) {
      if (m.cols() != cols) {
        throw new IllegalArgumentException(
            "cannot stack a matrix with " + m.cols() + " columns onto " + cols + " columns");
      }
      rows += m.rows();
    }
    return rows;
  }
}
