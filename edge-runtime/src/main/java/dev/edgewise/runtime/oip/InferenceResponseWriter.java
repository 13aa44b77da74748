package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Matrix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Writes an inference response straight from the output matrix: the same JSON as {@link
 * InferenceResponse} through the object mapper, with numbers written by {@link FloatFormat}. The
 * optional top-level parameters hold strings and integers. The text is built in a scratch array
 * kept per thread (the event loops reuse theirs for every response) and copied once into the buffer
 * that goes to the socket.
 */
public final class InferenceResponseWriter {

  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  private InferenceResponseWriter() {}

  /** The response's UTF-8 bytes; {@code id} is left out when null. */
  public static byte[] write(
      String modelName, String version, String id, String outputName, Matrix output) {
    return write(modelName, version, id, null, outputName, output);
  }

  /** The response's UTF-8 bytes; {@code id} and {@code parameters} are left out when null. */
  public static byte[] write(
      String modelName,
      String version,
      String id,
      Map<String, Object> parameters,
      String outputName,
      Matrix output) {
    byte[] scratch = scratch(modelName, version, id, parameters, outputName, output);
    int n = encode(scratch, modelName, version, id, parameters, outputName, output);
    return Arrays.copyOf(scratch, n);
  }

  /**
   * The response in a new buffer from {@code alloc} (typically pooled and direct); the caller owns
   * it and releases it once written.
   */
  public static ByteBuf write(
      ByteBufAllocator alloc,
      String modelName,
      String version,
      String id,
      Map<String, Object> parameters,
      String outputName,
      Matrix output) {
    byte[] scratch = scratch(modelName, version, id, parameters, outputName, output);
    int n = encode(scratch, modelName, version, id, parameters, outputName, output);
    ByteBuf buf = alloc.directBuffer(n, n);
    buf.writeBytes(scratch, 0, n);
    return buf;
  }

  private static byte[] scratch(
      String modelName,
      String version,
      String id,
      Map<String, Object> parameters,
      String outputName,
      Matrix output) {
    long bound =
        128L
            + 6L * (modelName.length() + version.length() + outputName.length())
            + (id == null ? 0 : 6L * id.length())
            + parametersBound(parameters)
            + (long) (FloatFormat.MAX_LENGTH + 1) * output.data().length;
    if (bound > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("response too large: " + bound + " bytes");
    }
    byte[] scratch = SCRATCH.get();
    if (scratch.length < bound) {
      scratch = new byte[(int) Math.max(bound, 2L * scratch.length)];
      SCRATCH.set(scratch);
    }
    return scratch;
  }

  private static long parametersBound(Map<String, Object> parameters) {
    if (parameters == null) {
      return 0;
    }
    long n = 16;
    for (Map.Entry<String, Object> e : parameters.entrySet()) {
      n += 8 + 6L * e.getKey().length() + 6L * String.valueOf(e.getValue()).length();
    }
    return n;
  }

  private static int encode(
      byte[] out,
      String modelName,
      String version,
      String id,
      Map<String, Object> parameters,
      String outputName,
      Matrix output) {
    int p = ascii(out, 0, "{\"model_name\":");
    p = string(out, p, modelName);
    p = ascii(out, p, ",\"model_version\":");
    p = string(out, p, version);
    if (id != null) {
      p = ascii(out, p, ",\"id\":");
      p = string(out, p, id);
    }
    if (parameters != null) {
      p = ascii(out, p, ",\"parameters\":{");
      boolean first = true;
      for (Map.Entry<String, Object> e : parameters.entrySet()) {
        if (!first) {
          out[p++] = ',';
        }
        first = false;
        p = string(out, p, e.getKey());
        out[p++] = ':';
        Object v = e.getValue();
        if (v instanceof Integer || v instanceof Long) {
          p = ascii(out, p, v.toString());
        } else if (v instanceof String text) {
          p = string(out, p, text);
        } else {
          throw new IllegalArgumentException(
              "response parameter " + e.getKey() + " must be a string or an integer, got " + v);
        }
      }
      out[p++] = '}';
    }
    p = ascii(out, p, ",\"outputs\":[{\"name\":");
    p = string(out, p, outputName);
    p = ascii(out, p, ",\"shape\":[");
    p = ascii(out, p, Integer.toString(output.rows()));
    out[p++] = ',';
    p = ascii(out, p, Integer.toString(output.cols()));
    p = ascii(out, p, "],\"datatype\":\"FP32\",\"data\":[");
    float[] data = output.data();
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      p = FloatFormat.write(data[i], out, p);
    }
    return ascii(out, p, "]}]}");
  }

  private static int ascii(byte[] out, int pos, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }

  /** A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
  private static int string(byte[] out, int pos, String s) {
    int p = pos;
    out[p++] = '"';
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out[p++] = '\\';
        out[p++] = (byte) c;
      } else if (c < 0x20) {
        p = ascii(out, p, String.format("\\u%04x", (int) c));
      } else if (c < 0x80) {
        out[p++] = (byte) c;
      } else {
        boolean pair =
            Character.isHighSurrogate(c)
                && i + 1 < s.length()
                && Character.isLowSurrogate(s.charAt(i + 1));
        byte[] utf8 = s.substring(i, pair ? i + 2 : i + 1).getBytes(StandardCharsets.UTF_8);
        if (pair) {
          i++;
        }
        System.arraycopy(utf8, 0, out, p, utf8.length);
        p += utf8.length;
      }
    }
    out[p++] = '"';
    return p;
  }
}
