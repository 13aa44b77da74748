package dev.edgewise.runtime.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * One reusable native-order direct buffer that the requests of a batch are written into, one after
 * the other, so that the tensor of a forward pass is made from it without a stacked {@code float[]}
 * and without the fresh direct buffer DJL would allocate for a heap array. It grows to the largest
 * batch seen and is then reused; not thread-safe (the batcher thread is its only user).
 */
public final class BatchRows {

  private ByteBuffer bytes = ByteBuffer.allocateDirect(0).order(ByteOrder.nativeOrder());
  private int[] partRows = new int[0];
  private int parts;
  private int rows;
  private int cols;

  /**
   * Writes {@code inputs} into the buffer, replacing what it held.
   *
   * @throws IllegalArgumentException when the inputs are empty or differ in column count
   */
  public void fill(List<Matrix> inputs) {
    long total = Matrix.stackedRows(inputs);
    int c = inputs.get(0).cols();
    long byteCount = total * c * Float.BYTES;
    if (byteCount > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("batch of " + total + "x" + c + " floats is too large");
    }
    if (bytes.capacity() < byteCount) {
      bytes = ByteBuffer.allocateDirect((int) byteCount).order(ByteOrder.nativeOrder());
    }
    if (partRows.length < inputs.size()) {
      partRows = new int[Math.max(inputs.size(), partRows.length * 2)];
    }
    FloatBuffer floats = bytes.clear().asFloatBuffer();
    for (int i = 0; i < inputs.size(); i++) {
      Matrix m = inputs.get(i);
      floats.put(m.data());
      partRows[i] = m.rows();
    }
    bytes.limit((int) byteCount);
    parts = inputs.size();
    rows = (int) total;
    this.cols = c;
  }

  /** The filled part of the buffer: {@code rows() * cols()} floats in native order. */
  public ByteBuffer buffer() {
    return bytes;
  }

  /** Rows of all inputs together. */
  public int rows() {
    return rows;
  }

  /** Width of every row. */
  public int cols() {
    return cols;
  }

  /** How many inputs the buffer holds. */
  public int parts() {
    return parts;
  }

  /** Rows of input {@code i}. */
  public int partRows(int i) {
    if (i < 0 || i >= parts) {
      throw new IndexOutOfBoundsException("part " + i + " of " + parts);
    }
    return partRows[i];
  }

  /**
   * Splits {@code out}, {@code rows()} rows of {@code outCols} floats, into one matrix per input,
   * each with exactly that input's rows.
   */
  public Matrix[] split(FloatBuffer out, int outCols) {
    Matrix[] result = new Matrix[parts];
    for (int i = 0; i < parts; i++) {
      float[] data = new float[partRows[i] * outCols];
      out.get(data);
      result[i] = new Matrix(data, partRows[i], outCols);
    }
    return result;
  }
}
