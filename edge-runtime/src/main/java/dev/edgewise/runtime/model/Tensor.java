package dev.edgewise.runtime.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A named tensor of any rank and datatype: its values in row-major order as little-endian bytes
 * (the layout of the OIP binary extension and of x86/ARM memory), exactly {@code elements * width}
 * of them. {@code BYTES} tensors hold each element as a 4-byte little-endian length and its bytes,
 * as the binary extension sends them.
 *
 * @param name the tensor's name
 * @param datatype its datatype
 * @param shape its dimensions
 * @param data its values, read from position 0 to the limit; not modified by users
 */
public record Tensor(String name, Datatype datatype, long[] shape, ByteBuffer data) {

  /** Checks that the data holds exactly the elements the shape asks for. */
  public Tensor {
    data = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    long n = elements(shape);
    if (datatype != Datatype.BYTES && n * datatype.width() != data.remaining()) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' of shape "
              + Arrays.toString(shape)
              + " needs "
              + n * datatype.width()
              + " bytes of "
              + datatype
              + ", got "
              + data.remaining());
    }
  }

  /** The product of {@code shape}'s dimensions (1 for a scalar). */
  public static long elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n = Math.multiplyExact(n, d);
    }
    return n;
  }

  /** Number of elements. */
  public long elements() {
    return elements(shape);
  }

  /** Size of dimension 0 (1 for a scalar). */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** Bytes of data. */
  public int byteSize() {
    return data.remaining();
  }

  /** A copy of the data as a little-endian heap buffer, positioned at 0. */
  public byte[] bytes() {
    byte[] out = new byte[data.remaining()];
    data.duplicate().get(out);
    return out;
  }

  /** An FP32 tensor from {@code values}. */
  public static Tensor ofFloats(String name, long[] shape, float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new Tensor(name, Datatype.FP32, shape, b);
  }

  /** The values as doubles, whatever the numeric datatype (BOOL as 0/1). */
  public double[] toDoubles() {
    int n = Math.toIntExact(elements());
    double[] out = new double[n];
    ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    for (int i = 0; i < n; i++) {
      out[i] = value(b, base, i);
    }
    return out;
  }

  /** Element {@code i} as a double. */
  public double value(int i) {
    return value(data, data.position(), i);
  }

  private double value(ByteBuffer b, int base, int i) {
    int w = datatype.width();
    int at = base + i * w;
    return switch (datatype) {
      case BOOL -> b.get(at) != 0 ? 1 : 0;
      case UINT8 -> b.get(at) & 0xff;
      case INT8 -> b.get(at);
      case INT16 -> b.getShort(at);
      case INT32 -> b.getInt(at);
      case INT64 -> b.getLong(at);
      case FP16 -> dev.edgewise.runtime.compress.Half.toFloat(b.getShort(at));
      case FP32 -> b.getFloat(at);
      case FP64 -> b.getDouble(at);
      case BYTES -> throw new IllegalStateException("BYTES tensor '" + name + "' is not numeric");
    };
  }

  /** This tensor's data under another name. */
  public Tensor named(String newName) {
    return new Tensor(newName, datatype, shape, data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && data.equals(t.data);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + " " + datatype + Arrays.toString(shape);
  }
}
