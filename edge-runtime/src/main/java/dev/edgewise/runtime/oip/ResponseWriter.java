package dev.edgewise.runtime.oip;

import static dev.edgewise.runtime.oip.TensorJson.ascii;
import static dev.edgewise.runtime.oip.TensorJson.string;

import dev.edgewise.runtime.compress.Half;
import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;

/**
 * Writes an OIP v2 inference response straight from the output tensors, each in its own datatype
 * (FP32 and FP16 by {@link FloatFormat}, FP64 as Java's shortest repr, integers exactly, BOOL as
 * {@code true}/{@code false}); outputs asked for as binary data carry {@code
 * parameters.binary_data_size} and their raw little-endian bytes follow the JSON, whose length the
 * response's {@code Inference-Header-Content-Length} header gives. Top-level parameters hold
 * strings and integers.
 */
public final class ResponseWriter {

  private ResponseWriter() {}

  /**
   * A response body.
   *
   * @param bytes the body
   * @param length bytes used in {@code bytes}
   * @param jsonLength length of the JSON part, or -1 when the body is all JSON
   */
  public record Body(byte[] bytes, int length, int jsonLength) {}

  /** The response for {@code outputs}, each written as {@code choices} says (same order). */
  public static Body write(
      String modelName,
      String version,
      String id,
      Map<String, Object> parameters,
      List<Tensor> outputs,
      List<TensorCodec.OutputChoice> choices) {
    long bound =
        64L
            + 6L * (modelName.length() + version.length())
            + (id == null ? 0 : 6L * id.length())
            + parametersBound(parameters);
    long binary = 0;
    for (int i = 0; i < outputs.size(); i++) {
      Tensor t = outputs.get(i);
      bound += 160 + 6L * t.name().length() + 21L * t.shape().length;
      if (choices.get(i).binary()) {
        binary += t.byteSize();
      } else {
        bound += (long) (maxChars(t.datatype()) + 1) * t.elements();
      }
    }
    if (bound + binary > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("response too large: " + (bound + binary) + " bytes");
    }
    byte[] out = new byte[(int) (bound + binary)];
    int p = ascii(out, 0, "{\"model_name\":");
    p = string(out, p, modelName);
    p = ascii(out, p, ",\"model_version\":");
    p = string(out, p, version);
    if (id != null) {
      p = ascii(out, p, ",\"id\":");
      p = string(out, p, id);
    }
    if (parameters != null) {
      p = ascii(out, p, ",\"parameters\":");
      p = parameters(out, p, parameters);
    }
    p = ascii(out, p, ",\"outputs\":[");
    for (int i = 0; i < outputs.size(); i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      p = tensor(out, p, outputs.get(i), choices.get(i).binary());
    }
    p = ascii(out, p, "]}");
    if (binary == 0) {
      return new Body(out, p, -1);
    }
    int json = p;
    for (int i = 0; i < outputs.size(); i++) {
      if (choices.get(i).binary()) {
        Tensor t = outputs.get(i);
        t.data().duplicate().get(out, p, t.byteSize());
        p += t.byteSize();
      }
    }
    return new Body(out, p, json);
  }

  /** An inference request carrying {@code inputs} as JSON data (the edge's call to the cloud). */
  public static byte[] request(String id, List<Tensor> inputs) {
    long bound = 32L + (id == null ? 0 : 6L * id.length());
    for (Tensor t : inputs) {
      bound += 160 + 6L * t.name().length() + 21L * t.shape().length;
      bound += (long) (maxChars(t.datatype()) + 1) * t.elements();
    }
    byte[] out = new byte[Math.toIntExact(bound)];
    int p = ascii(out, 0, "{");
    if (id != null) {
      p = ascii(out, p, "\"id\":");
      p = string(out, p, id);
      p = ascii(out, p, ",");
    }
    p = ascii(out, p, "\"inputs\":[");
    for (int i = 0; i < inputs.size(); i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      p = tensor(out, p, inputs.get(i), false);
    }
    p = ascii(out, p, "]}");
    return java.util.Arrays.copyOf(out, p);
  }

  private static int tensor(byte[] out, int pos, Tensor t, boolean binary) {
    int p = ascii(out, pos, "{\"name\":");
    p = string(out, p, t.name());
    p = ascii(out, p, ",\"datatype\":\"");
    p = ascii(out, p, t.datatype().name());
    p = ascii(out, p, "\",\"shape\":[");
    long[] shape = t.shape();
    for (int d = 0; d < shape.length; d++) {
      if (d > 0) {
        out[p++] = ',';
      }
      p = ascii(out, p, Long.toString(shape[d]));
    }
    out[p++] = ']';
    if (binary) {
      p = ascii(out, p, ",\"parameters\":{\"binary_data_size\":");
      p = ascii(out, p, Integer.toString(t.byteSize()));
      return ascii(out, p, "}}");
    }
    p = ascii(out, p, ",\"data\":[");
    p = values(out, p, t);
    return ascii(out, p, "]}");
  }

  private static int values(byte[] out, int pos, Tensor t) {
    ByteBuffer b = t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int base = b.position();
    int n = (int) t.elements();
    int p = pos;
    int w = t.datatype().width();
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        out[p++] = ',';
      }
      int at = base + i * w;
      switch (t.datatype()) {
        case BOOL -> p = ascii(out, p, b.get(at) != 0 ? "true" : "false");
        case UINT8 -> p = ascii(out, p, Integer.toString(b.get(at) & 0xff));
        case INT8 -> p = ascii(out, p, Integer.toString(b.get(at)));
        case INT16 -> p = ascii(out, p, Integer.toString(b.getShort(at)));
        case INT32 -> p = ascii(out, p, Integer.toString(b.getInt(at)));
        case INT64 -> p = ascii(out, p, Long.toString(b.getLong(at)));
        case FP16 -> p = FloatFormat.write(Half.toFloat(b.getShort(at)), out, p);
        case FP32 -> p = FloatFormat.write(b.getFloat(at), out, p);
        case FP64 -> p = fp64(out, p, b.getDouble(at));
        case BYTES -> throw new IllegalStateException("BYTES outputs are not produced");
      }
    }
    return p;
  }

  private static int fp64(byte[] out, int p, double v) {
    if (Double.isNaN(v)) {
      return ascii(out, p, "\"NaN\"");
    }
    if (Double.isInfinite(v)) {
      return ascii(out, p, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    }
    return ascii(out, p, Double.toString(v));
  }

  private static int maxChars(Datatype type) {
    return switch (type) {
      case BOOL -> 5;
      case UINT8, INT8 -> 4;
      case INT16 -> 6;
      case INT32 -> 11;
      case INT64 -> 20;
      case FP16, FP32 -> FloatFormat.MAX_LENGTH;
      case FP64 -> 26;
      case BYTES -> 0;
    };
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

  private static int parameters(byte[] out, int pos, Map<String, Object> parameters) {
    int p = ascii(out, pos, "{");
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
      } else if (v instanceof Boolean bool) {
        p = ascii(out, p, bool.toString());
      } else if (v instanceof String text) {
        p = string(out, p, text);
      } else {
        throw new IllegalArgumentException(
            "response parameter " + e.getKey() + " must be a string, boolean or integer, got " + v);
      }
    }
    out[p++] = '}';
    return p;
  }
}
