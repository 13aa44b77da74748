package dev.edgewise.runtime.model;

import dev.edgewise.runtime.compress.Half;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of a model's warm-up (and probe) pass, built from its signature: every input at its
 * declared shape, a variable batch dimension given {@code rows}, other variable dimensions {@link
 * TensorSpec#WARM_UP_DIMENSION}, filled with the input's {@code fill} value (0 by default).
 */
public final class WarmUp {

  private WarmUp() {}

  /** One tensor per input of {@code signature}, in its order. */
  public static List<Tensor> inputs(Signature signature, long rows) {
    List<Tensor> out = new ArrayList<>(signature.inputs().size());
    for (TensorSpec spec : signature.inputs()) {
      long[] shape = spec.warmUpShape(rows);
      out.add(filled(spec.name(), spec.datatype(), shape, spec.fill()));
    }
    return out;
  }

  /** A tensor of {@code shape} whose every element is {@code value} in {@code type}. */
  public static Tensor filled(String name, Datatype type, long[] shape, double value) {
    if (type == Datatype.BYTES) {
      throw new IllegalArgumentException(
          "input '" + name + "' is BYTES: a warm-up tensor cannot be made for it");
    }
    int n = Math.toIntExact(Tensor.elements(shape));
    ByteBuffer b = ByteBuffer.allocate(n * type.width()).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      switch (type) {
        case BOOL -> b.put((byte) (value != 0 ? 1 : 0));
        case UINT8, INT8 -> b.put((byte) value);
        case INT16 -> b.putShort((short) value);
        case INT32 -> b.putInt((int) value);
        case INT64 -> b.putLong((long) value);
        case FP16 -> b.putShort(Half.fromFloat((float) value));
        case FP32 -> b.putFloat((float) value);
        case FP64 -> b.putDouble(value);
        case BYTES -> throw new IllegalStateException();
      }
    }
    b.flip();
    return new Tensor(name, type, shape, b);
  }
}
