package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Datatype;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The values of a request tensor as they arrived, in their own datatype: {@code count} elements as
 * little-endian bytes (for {@code BYTES}, each element a 4-byte length and its bytes).
 *
 * @param datatype the datatype the values were read as
 * @param bytes the values, from position 0 to the limit
 * @param count the number of elements
 */
public record TensorValues(Datatype datatype, ByteBuffer bytes, long count) {

  /** Normalizes the byte order. */
  public TensorValues {
    bytes = bytes.order(ByteOrder.LITTLE_ENDIAN);
  }

  /** FP32 values. */
  public static TensorValues ofFloats(float[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(values);
    return new TensorValues(Datatype.FP32, b, values.length);
  }
}
