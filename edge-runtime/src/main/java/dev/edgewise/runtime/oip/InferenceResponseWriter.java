package dev.edgewise.runtime.oip;

import static dev.edgewise.runtime.oip.TensorJson.ascii;
import static dev.edgewise.runtime.oip.TensorJson.string;

import dev.edgewise.runtime.model.Matrix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
        64L
            + 6L * (modelName.length() + version.length())
            + (id == null ? 0 : 6L * id.length())
            + parametersBound(parameters)
            + TensorJson.tensorBound(outputName.length(), output);
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
    p = ascii(out, p, ",\"outputs\":[");
    p = TensorJson.tensor(out, p, outputName, output);
    return ascii(out, p, "]}");
  }
}
