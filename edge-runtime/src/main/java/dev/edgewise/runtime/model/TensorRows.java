package dev.edgewise.runtime.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Rows of a tensor, the slices along dimension 0: picking some of them, putting others in their
 * place, and reading one as numbers. Pure, for joint inference.
 */
public final class TensorRows {

  private TensorRows() {}

  /** Bytes of one row of {@code t}. */
  public static int rowBytes(Tensor t) {
    long rows = t.rows();
    return rows == 0 ? 0 : (int) (t.byteSize() / rows);
  }

  /** The rows {@code rows} of {@code t}, stacked in that order. */
  public static Tensor select(Tensor t, int[] rows) {
    requireRank(t);
    int w = rowBytes(t);
    byte[] out = new byte[rows.length * w];
    ByteBuffer data = t.data();
    for (int k = 0; k < rows.length; k++) {
      data.duplicate().position(data.position() + rows[k] * w).get(out, k * w, w);
    }
    long[] shape = t.shape().clone();
    shape[0] = rows.length;
    return new Tensor(t.name(), t.datatype(), shape, ByteBuffer.wrap(out));
  }

  /**
   * {@code base} with its rows {@code rows} replaced by the rows of {@code replacement} (its k-th
   * row for {@code rows[k]}).
   *
   * @throws IllegalArgumentException when {@code replacement} does not have one row of the same
   *     datatype and shape per replaced row
   */
  public static Tensor replace(Tensor base, int[] rows, Tensor replacement) {
    requireRank(base);
    long[] expected = base.shape().clone();
    expected[0] = rows.length;
    if (replacement.datatype() != base.datatype()
        || !Arrays.equals(replacement.shape(), expected)) {
      throw new IllegalArgumentException(
          "output '"
              + base.name()
              + "': got "
              + replacement.datatype()
              + Arrays.toString(replacement.shape())
              + " for "
              + rows.length
              + " rows of "
              + base.datatype()
              + Arrays.toString(base.shape()));
    }
    int w = rowBytes(base);
    byte[] out = base.bytes();
    ByteBuffer r = replacement.data();
    for (int k = 0; k < rows.length; k++) {
      r.duplicate().position(r.position() + k * w).get(out, rows[k] * w, w);
    }
    return new Tensor(base.name(), base.datatype(), base.shape(), ByteBuffer.wrap(out));
  }

  /** Row {@code r} of {@code t} as doubles. */
  public static double[] row(Tensor t, int r) {
    return select(t, new int[] {r}).toDoubles();
  }

  private static void requireRank(Tensor t) {
    if (t.shape().length == 0) {
      throw new IllegalArgumentException("tensor '" + t.name() + "' is a scalar: it has no rows");
    }
  }

  /** A little-endian view, for callers that read raw values. */
  static ByteBuffer le(ByteBuffer b) {
    return b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }
}
