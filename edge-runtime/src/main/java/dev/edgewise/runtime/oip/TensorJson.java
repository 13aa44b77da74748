package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Matrix;
import java.nio.charset.StandardCharsets;

/**
 * Writes the pieces of OIP v2 JSON into a byte array: ASCII text, escaped strings, and one FP32
 * tensor ({@code {"name":..,"shape":[rows,cols],"datatype":"FP32","data":[..]}}) with numbers by
 * {@link FloatFormat}. Shared by the server's responses and the edge's requests to the cloud. Each
 * method returns the position after what it wrote; callers size the array with {@link
 * #tensorBound}.
 */
public final class TensorJson {
  private TensorJson() {}

  /** Most bytes {@link #tensor} writes for {@code m} under a name of {@code nameLength} chars. */
  public static long tensorBound(int nameLength, Matrix m) {
    return 96L + 6L * nameLength + (long) (FloatFormat.MAX_LENGTH + 1) * m.data().length;
  }

  /** One FP32 tensor object named {@code name} holding {@code m}. */
  public static int tensor(byte[] out, int pos, String name, Matrix m) {
    int p = ascii(out, pos, "{\"name\":");
    p = string(out, p, name);
    p = ascii(out, p, ",\"shape\":[");
    p = ascii(out, p, Integer.toString(m.rows()));
    out[p++] = ',';
    p = ascii(out, p, Integer.toString(m.cols()));
    p = ascii(out, p, "],\"datatype\":\"FP32\",\"data\":[");
    float[] data = m.data();
    for (int i = 0; i < data.length; i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      p = FloatFormat.write(data[i], out, p);
    }
    return ascii(out, p, "]}");
  }

  /** ASCII text as is. */
  public static int ascii(byte[] out, int pos, String s) {
    for (int i = 0; i < s.length(); i++) {
      out[pos++] = (byte) s.charAt(i);
    }
    return pos;
  }

  /** A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
  public static int string(byte[] out, int pos, String s) {
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
