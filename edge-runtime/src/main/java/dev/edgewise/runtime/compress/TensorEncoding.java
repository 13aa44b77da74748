package dev.edgewise.runtime.compress;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Byte layouts of a tensor inside a compressed artifact (little endian). Sparse layouts store a
 * bitmask of non-zero positions followed by the non-zero values only.
 */
public enum TensorEncoding {
  /** Raw float32. */
  FP32,
  /** IEEE half precision. */
  FP16,
  /** Per-channel float32 scales, then one int8 per value. */
  INT8,
  /** Bitmask, then the non-zero values as float32. */
  SPARSE_FP32,
  /** Per-channel float32 scales, bitmask, then the non-zero values as int8. */
  SPARSE_INT8;

  /** Encodes the tensor's values. */
  public byte[] encode(NamedTensor t) {
    float[] v = t.values();
    return switch (this) {
      case FP32 -> {
        ByteBuffer b = buffer(4 * v.length);
        for (float f : v) {
          b.putFloat(f);
        }
        yield b.array();
      }
      case FP16 -> {
        ByteBuffer b = buffer(2 * v.length);
        for (float f : v) {
          b.putShort(Half.fromFloat(f));
        }
        yield b.array();
      }
      case INT8 -> {
        Int8Quantizer.Quantized q = Int8Quantizer.quantize(v, t.channels());
        ByteBuffer b = buffer(4 * q.scales().length + v.length);
        for (float s : q.scales()) {
          b.putFloat(s);
        }
        b.put(q.values());
        yield b.array();
      }
      case SPARSE_FP32 -> {
        byte[] mask = mask(v);
        int nz = nonZero(v);
        ByteBuffer b = buffer(mask.length + 4 * nz);
        b.put(mask);
        for (float f : v) {
          if (f != 0) {
            b.putFloat(f);
          }
        }
        yield b.array();
      }
      case SPARSE_INT8 -> {
        Int8Quantizer.Quantized q = Int8Quantizer.quantize(v, t.channels());
        byte[] mask = mask(q.values());
        int nz = 0;
        for (byte x : q.values()) {
          if (x != 0) {
            nz++;
          }
        }
        ByteBuffer b = buffer(4 * q.scales().length + mask.length + nz);
        for (float s : q.scales()) {
          b.putFloat(s);
        }
        b.put(mask);
        for (byte x : q.values()) {
          if (x != 0) {
            b.put(x);
          }
        }
        yield b.array();
      }
    };
  }

  /** Decodes {@code count} values in {@code channels} channels. */
  public float[] decode(byte[] bytes, int count, int channels) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[] out = new float[count];
    switch (this) {
      case FP32 -> {
        for (int i = 0; i < count; i++) {
          out[i] = b.getFloat();
        }
      }
      case FP16 -> {
        for (int i = 0; i < count; i++) {
          out[i] = Half.toFloat(b.getShort());
        }
      }
      case INT8 -> {
        float[] scales = scales(b, channels);
        byte[] q = new byte[count];
        b.get(q);
        return Int8Quantizer.dequantize(new Int8Quantizer.Quantized(q, scales));
      }
      case SPARSE_FP32 -> {
        byte[] mask = new byte[(count + 7) / 8];
        b.get(mask);
        for (int i = 0; i < count; i++) {
          if (bit(mask, i)) {
            out[i] = b.getFloat();
          }
        }
      }
      case SPARSE_INT8 -> {
        float[] scales = scales(b, channels);
        byte[] mask = new byte[(count + 7) / 8];
        b.get(mask);
        byte[] q = new byte[count];
        for (int i = 0; i < count; i++) {
          if (bit(mask, i)) {
            q[i] = b.get();
          }
        }
        return Int8Quantizer.dequantize(new Int8Quantizer.Quantized(q, scales));
      }
      default -> throw new IllegalStateException("unhandled encoding " + this);
    }
    if (b.hasRemaining()) {
      throw new IllegalArgumentException(
          name() + " tensor of " + count + " values has " + b.remaining() + " extra bytes");
    }
    return out;
  }

  private static float[] scales(ByteBuffer b, int channels) {
    float[] s = new float[channels];
    for (int c = 0; c < channels; c++) {
      s[c] = b.getFloat();
    }
    return s;
  }

  private static ByteBuffer buffer(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static boolean bit(byte[] mask, int i) {
    return (mask[i >>> 3] & (1 << (i & 7))) != 0;
  }

  private static byte[] mask(float[] v) {
    byte[] m = new byte[(v.length + 7) / 8];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        m[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return m;
  }

  private static byte[] mask(byte[] v) {
    byte[] m = new byte[(v.length + 7) / 8];
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) {
        m[i >>> 3] |= (byte) (1 << (i & 7));
      }
    }
    return m;
  }

  private static int nonZero(float[] v) {
    int n = 0;
    for (float f : v) {
      if (f != 0) {
        n++;
      }
    }
    return n;
  }

  /** The encoding a method uses for weights ({@code weight = true}) or for other tensors. */
  public static TensorEncoding forTensor(CompressionMethod method, boolean weight) {
    return switch (method) {
      case Float16 -> FP16;
      case Int8 -> weight ? INT8 : FP32;
      case Prune -> weight ? SPARSE_FP32 : FP32;
      case PruneInt8 -> weight ? SPARSE_INT8 : FP32;
    };
  }
}
