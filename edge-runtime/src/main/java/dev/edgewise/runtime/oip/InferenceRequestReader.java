package dev.edgewise.runtime.oip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an OIP v2 inference request from UTF-8 JSON bytes in one pass, writing tensor {@code data}
 * straight into a float array: the serving hot path, where a 32-row request carries 2,048 numbers.
 * Strict JSON (RFC 8259); unknown fields are skipped; any problem is a 400 that says what and
 * where. Numbers of up to seven significant digits without an exponent (what clients send for
 * pixels and features) are converted by one exact float division, which IEEE 754 rounds correctly;
 * all others go through {@link Float#parseFloat}, so every value equals what {@code
 * Float.parseFloat} gives.
 */
public final class InferenceRequestReader {

  private static final float[] POW10 = {
    1e0f, 1e1f, 1e2f, 1e3f, 1e4f, 1e5f, 1e6f, 1e7f, 1e8f, 1e9f, 1e10f
  };
  private static final int MAX_DEPTH = 64;
  private static final long EXACT_FLOAT_LIMIT = 1L << 24;

  private final byte[] b;
  private final int end;
  private int i;
  private float[] values;
  private int count;
  private boolean fractional;

  private InferenceRequestReader(byte[] bytes, int offset, int length) {
    this.b = bytes;
    this.i = offset;
    this.end = offset + length;
  }

  /** Reads the request in {@code bytes[offset, offset + length)}. */
  public static InferenceRequest read(byte[] bytes, int offset, int length) {
    InferenceRequestReader r = new InferenceRequestReader(bytes, offset, length);
    r.skipWs();
    if (r.i == r.end) {
      throw OipException.badRequest("request body is empty; send an OIP v2 inference request");
    }
    InferenceRequest request = r.request();
    r.skipWs();
    if (r.i != r.end) {
      throw r.malformed("unexpected " + r.describe() + " after the request object");
    }
    return request;
  }

  private InferenceRequest request() {
    expectObject("body");
    String id = null;
    Map<String, Object> parameters = null;
    List<InferenceRequest.InputTensor> inputs = null;
    List<InferenceRequest.RequestedOutput> outputs = null;
    if (!emptyObject()) {
      do {
        String key = key();
        switch (key) {
          case "id" -> id = stringOrNull("id");
          case "parameters" -> parameters = mapOrNull("parameters");
          case "inputs" -> inputs = inputs();
          case "outputs" -> outputs = outputs();
          default -> value(1);
        }
      } while (nextMember());
    }
    return new InferenceRequest(id, parameters, inputs, outputs);
  }

  private List<InferenceRequest.InputTensor> inputs() {
    if (nullLiteral()) {
      return null;
    }
    expectArray("inputs");
    List<InferenceRequest.InputTensor> list = new ArrayList<>(1);
    if (!emptyArray()) {
      do {
        list.add(input(list.size()));
      } while (nextElement());
    }
    return list;
  }

  private InferenceRequest.InputTensor input(int index) {
    String where = "inputs.[" + index + "]";
    if (nullLiteral()) {
      throw invalid(where, "expected an input tensor object, got null");
    }
    expectObject(where);
    String name = null;
    long[] shape = null;
    String datatype = null;
    Map<String, Object> parameters = null;
    TensorData data = null;
    if (!emptyObject()) {
      do {
        String key = key();
        switch (key) {
          case "name" -> name = stringOrNull(where + ".name");
          case "shape" -> shape = shape(where + ".shape");
          case "datatype" -> datatype = stringOrNull(where + ".datatype");
          case "parameters" -> parameters = mapOrNull(where + ".parameters");
          case "data" -> data = data(elements(shape));
          default -> value(1);
        }
      } while (nextMember());
    }
    return new InferenceRequest.InputTensor(
        name,
        shape,
        datatype,
        parameters,
        data == null ? null : TensorValues.ofFloats(data.values()));
  }

  private List<InferenceRequest.RequestedOutput> outputs() {
    if (nullLiteral()) {
      return null;
    }
    expectArray("outputs");
    List<InferenceRequest.RequestedOutput> list = new ArrayList<>(1);
    if (!emptyArray()) {
      do {
        String where = "outputs.[" + list.size() + "]";
        if (nullLiteral()) {
          list.add(null);
          continue;
        }
        expectObject(where);
        String name = null;
        Map<String, Object> parameters = null;
        if (!emptyObject()) {
          do {
            String key = key();
            switch (key) {
              case "name" -> name = stringOrNull(where + ".name");
              case "parameters" -> parameters = mapOrNull(where + ".parameters");
              default -> value(1);
            }
          } while (nextMember());
        }
        list.add(new InferenceRequest.RequestedOutput(name, parameters));
      } while (nextElement());
    }
    return list;
  }

  /** How many values {@code shape} describes, or -1 when unknown or beyond an array's size. */
  private static long elements(long[] shape) {
    if (shape == null || shape.length == 0) {
      return -1;
    }
    long n = 1;
    for (long d : shape) {
      if (d < 0 || d > Integer.MAX_VALUE || (n *= d) > Integer.MAX_VALUE) {
        return -1;
      }
    }
    return n;
  }

  private long[] shape(String where) {
    if (nullLiteral()) {
      return null;
    }
    expectArray(where);
    long[] dims = new long[4];
    int n = 0;
    if (!emptyArray()) {
      do {
        skipWs();
        int start = i;
        double d = number(where);
        if (d != Math.rint(d) || hasFractionSyntax(start)) {
          throw invalid(where, "dimensions must be integers, got " + text(start, i));
        }
        if (n == dims.length) {
          dims = Arrays.copyOf(dims, n * 2);
        }
        dims[n++] = (long) d;
      } while (nextElement());
    }
    return Arrays.copyOf(dims, n);
  }

  /**
   * Reads flat or nested arrays of numbers into {@link #values}, sized for {@code expected} values
   * when the shape came first and is plausible for the bytes left, so that nothing is copied.
   */
  private TensorData data(long expected) {
    skipWs();
    if (i == end || b[i] != '[') {
      throw new OipException(
          400, "tensor data must be a JSON array of numbers, got " + describeToken());
    }
    // Every value takes at least two bytes: a digit and a separator.
    long room = (end - i) / 2 + 1;
    values = new float[expected > 0 && expected <= room ? (int) expected : 256];
    count = 0;
    fractional = false;
    if (!flatData()) {
      dataArray(1);
    }
    return new TensorData(
        count == values.length ? values : Arrays.copyOf(values, count), fractional);
  }

  /**
   * The common case, a flat array of plain decimals ({@code [0.0,0.25,-3,...]}), in one tight loop
   * over local variables. Returns false, having consumed nothing, at the first thing it does not
   * handle (nesting, exponents, long mantissas, errors); the general reader then starts over.
   */
  private boolean flatData() {
    final byte[] b = this.b;
    final int end = this.end;
    int p = skipWs(b, i + 1, end); // after '['
    float[] out = values;
    int n = 0;
    boolean frac = false;
    if (p < end && b[p] == ']') {
      i = p + 1;
      return true;
    }
    while (true) {
      if (p >= end) {
        return false;
      }
      byte c = b[p];
      if (c <= ' ') { // whitespace, or a byte the general reader reports
        p = skipWs(b, p, end);
        if (p >= end) {
          return false;
        }
        c = b[p];
      }
      boolean negative = c == '-';
      if (negative) {
        if (++p >= end) {
          return false;
        }
        c = b[p];
      }
      long mantissa = c - '0';
      if (mantissa < 0 || mantissa > 9) {
        return false;
      }
      int digitsStart = p;
      while (++p < end && (c = b[p]) >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
      }
      int digits = p - digitsStart;
      int fraction = 0;
      if (c == '.' && p < end) {
        int fractionStart = ++p;
        while (p < end && (c = b[p]) >= '0' && c <= '9') {
          mantissa = mantissa * 10 + (c - '0');
          p++;
        }
        fraction = p - fractionStart;
        if (fraction == 0) {
          return false;
        }
        frac = true;
        digits += fraction;
      }
      if (digits > 18 || fraction > 10 || mantissa >= EXACT_FLOAT_LIMIT || p >= end) {
        return false;
      }
      float v = fraction == 0 ? (float) mantissa : mantissa / POW10[fraction];
      if (n == out.length) {
        out = Arrays.copyOf(out, Math.max(16, n * 2));
      }
      out[n++] = negative ? -v : v;
      c = b[p];
      if (c <= ' ') {
        p = skipWs(b, p, end);
        if (p >= end) {
          return false;
        }
        c = b[p];
      }
      p++;
      if (c != ',') {
        if (c == ']') {
          break;
        }
        return false;
      }
    }
    values = out;
    count = n;
    fractional = frac;
    i = p;
    return true;
  }

  /** The first position from {@code p} that is not JSON whitespace, or {@code end}. */
  private static int skipWs(byte[] b, int p, int end) {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return p;
      }
      p++;
    }
    return end;
  }

  private void dataArray(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("arrays nested deeper than " + MAX_DEPTH);
    }
    i++; // '['
    skipWs();
    if (i < end && b[i] == ']') {
      i++;
      return;
    }
    while (true) {
      skipWs();
      if (i == end) {
        throw malformed("tensor data ends before its array is closed");
      }
      byte c = b[i];
      if (c == '[') {
        dataArray(depth + 1);
      } else if (c == '-' || (c >= '0' && c <= '9')) {
        if (count == values.length) {
          values = Arrays.copyOf(values, Math.max(16, count * 2));
        }
        values[count++] = dataNumber();
      } else if (c == ',' || c == ']' || c == '}' || c == ':') {
        throw malformed("unexpected " + describe() + " in tensor data");
      } else {
        throw new OipException(
            400,
            "tensor data must contain only numbers, found " + token() + " at position " + count);
      }
      skipWs();
      if (i == end) {
        throw malformed("tensor data ends before its array is closed");
      }
      c = b[i++];
      if (c == ']') {
        return;
      }
      if (c != ',') {
        i--;
        throw malformed("expected ',' or ']' in tensor data but found " + describe());
      }
    }
  }

  /** One number of tensor data: the exact fast path, else {@link Float#parseFloat}. */
  private float dataNumber() {
    int start = i;
    boolean negative = b[i] == '-';
    if (negative) {
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fraction = 0;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      mantissa = mantissa * 10 + (b[i++] - '0');
      digits++;
    }
    if (digits == 0) {
      throw malformed("a number needs digits after '-'");
    }
    if (i < end && b[i] == '.') {
      i++;
      fractional = true;
      int before = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        mantissa = mantissa * 10 + (b[i++] - '0');
        digits++;
      }
      fraction = i - before;
      if (fraction == 0) {
        throw malformed("a number needs digits after its decimal point");
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      fractional = true;
      i = start;
      return (float) number("data");
    }
    if (digits <= 18 && fraction <= 10 && mantissa < EXACT_FLOAT_LIMIT) {
      float v = fraction == 0 ? (float) mantissa : mantissa / POW10[fraction];
      return negative ? -v : v;
    }
    return Float.parseFloat(text(start, i));
  }

  /** A full JSON number, as a double (used outside tensor data and for exponents). */
  private double number(String where) {
    skipWs();
    int start = i;
    if (i < end && b[i] == '-') {
      i++;
    }
    int digitsStart = i;
    while (i < end && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    if (i == digitsStart) {
      i = start;
      throw invalid(where, "expected a number, got " + describeToken());
    }
    if (i < end && b[i] == '.') {
      i++;
      int f = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == f) {
        throw malformed("a number needs digits after its decimal point");
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int e = i;
      while (i < end && b[i] >= '0' && b[i] <= '9') {
        i++;
      }
      if (i == e) {
        throw malformed("a number needs digits in its exponent");
      }
    }
    return Double.parseDouble(text(start, i));
  }

  private boolean hasFractionSyntax(int start) {
    for (int k = start; k < i; k++) {
      if (b[k] == '.' || b[k] == 'e' || b[k] == 'E') {
        return true;
      }
    }
    return false;
  }

  /** Any JSON value, as Map, List, String, Double or Long, Boolean, or null. */
  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw malformed("values nested deeper than " + MAX_DEPTH);
    }
    skipWs();
    if (i == end) {
      throw malformed("the body ends where a value was expected");
    }
    byte c = b[i];
    switch (c) {
      case '{' -> {
        i++;
        Map<String, Object> map = new LinkedHashMap<>();
        if (!emptyObject()) {
          do {
            String key = key();
            map.put(key, value(depth + 1));
          } while (nextMember());
        }
        return map;
      }
      case '[' -> {
        i++;
        List<Object> list = new ArrayList<>();
        if (!emptyArray()) {
          do {
            list.add(value(depth + 1));
          } while (nextElement());
        }
        return list;
      }
      case '"' -> {
        return string();
      }
      case 't' -> {
        literal("true");
        return Boolean.TRUE;
      }
      case 'f' -> {
        literal("false");
        return Boolean.FALSE;
      }
      case 'n' -> {
        literal("null");
        return null;
      }
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          int start = i;
          double d = number("value");
          if (!hasFractionSyntax(start) && Math.abs(d) < 9.0e15) {
            return (long) d;
          }
          return d;
        }
        throw malformed("unexpected " + describe());
      }
    }
  }

  private String stringOrNull(String where) {
    if (nullLiteral()) {
      return null;
    }
    skipWs();
    if (i == end || b[i] != '"') {
      throw invalid(where, "expected a string, got " + describeToken());
    }
    return string();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> mapOrNull(String where) {
    if (nullLiteral()) {
      return null;
    }
    skipWs();
    if (i == end || b[i] != '{') {
      throw invalid(where, "expected an object, got " + describeToken());
    }
    return (Map<String, Object>) value(1);
  }

  private String key() {
    skipWs();
    if (i == end || b[i] != '"') {
      throw malformed("expected a field name in quotes but found " + describe());
    }
    String key = string();
    skipWs();
    if (i == end || b[i] != ':') {
      throw malformed("expected ':' after field name \"" + key + "\" but found " + describe());
    }
    i++;
    return key;
  }

  /** A string starting at the opening quote. */
  private String string() {
    int start = ++i;
    boolean ascii = true;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        String s =
            new String(
                b, start, i - start, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        i++;
        return s;
      }
      if (c == '\\') {
        return escapedString(start);
      }
      if (c >= 0 && c < 0x20) {
        throw malformed("control character in a string");
      }
      if (c < 0) {
        ascii = false;
      }
      i++;
    }
    throw malformed("the body ends inside a string");
  }

  private String escapedString(int start) {
    StringBuilder s = new StringBuilder(new String(b, start, i - start, StandardCharsets.UTF_8));
    int runStart = i;
    while (i < end) {
      byte c = b[i];
      if (c == '"') {
        s.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
        i++;
        return s.toString();
      }
      if (c >= 0 && c < 0x20) {
        throw malformed("control character in a string");
      }
      if (c != '\\') {
        i++;
        continue;
      }
      s.append(new String(b, runStart, i - runStart, StandardCharsets.UTF_8));
      if (i + 1 >= end) {
        throw malformed("the body ends inside a string");
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case '"' -> s.append('"');
        case '\\' -> s.append('\\');
        case '/' -> s.append('/');
        case 'b' -> s.append('\b');
        case 'f' -> s.append('\f');
        case 'n' -> s.append('\n');
        case 'r' -> s.append('\r');
        case 't' -> s.append('\t');
        case 'u' -> {
          if (i + 4 > end) {
            throw malformed("the body ends inside a \\u escape");
          }
          try {
            s.append((char) Integer.parseInt(text(i, i + 4), 16));
          } catch (NumberFormatException ex) {
            throw malformed("invalid \\u escape \\u" + text(i, i + 4));
          }
          i += 4;
        }
        default -> throw malformed("invalid escape \\" + (char) e);
      }
      runStart = i;
    }
    throw malformed("the body ends inside a string");
  }

  private void literal(String word) {
    if (i + word.length() > end || !text(i, i + word.length()).equals(word)) {
      throw malformed("unexpected " + describe());
    }
    i += word.length();
  }

  private boolean nullLiteral() {
    skipWs();
    if (i + 4 <= end && b[i] == 'n' && b[i + 1] == 'u' && b[i + 2] == 'l' && b[i + 3] == 'l') {
      i += 4;
      return true;
    }
    return false;
  }

  private void expectObject(String where) {
    skipWs();
    if (i == end) {
      throw malformed("the body ends where an object was expected");
    }
    if (b[i] != '{') {
      throw invalid(where, "expected an object, got " + describeToken());
    }
    i++;
  }

  private void expectArray(String where) {
    skipWs();
    if (i == end) {
      throw malformed("the body ends where an array was expected");
    }
    if (b[i] != '[') {
      throw invalid(where, "expected an array, got " + describeToken());
    }
    i++;
  }

  /** After '{': consumes '}' and returns true for an empty object. */
  private boolean emptyObject() {
    skipWs();
    if (i < end && b[i] == '}') {
      i++;
      return true;
    }
    return false;
  }

  /** After '[': consumes ']' and returns true for an empty array. */
  private boolean emptyArray() {
    skipWs();
    if (i < end && b[i] == ']') {
      i++;
      return true;
    }
    return false;
  }

  /** After a member: true on ',', false on '}'. */
  private boolean nextMember() {
    skipWs();
    if (i == end) {
      throw malformed("the body ends before an object is closed");
    }
    byte c = b[i++];
    if (c == ',') {
      return true;
    }
    if (c == '}') {
      return false;
    }
    i--;
    throw malformed("expected ',' or '}' but found " + describe());
  }

  /** After an element: true on ',', false on ']'. */
  private boolean nextElement() {
    skipWs();
    if (i == end) {
      throw malformed("the body ends before an array is closed");
    }
    byte c = b[i++];
    if (c == ',') {
      return true;
    }
    if (c == ']') {
      return false;
    }
    i--;
    throw malformed("expected ',' or ']' but found " + describe());
  }

  private void skipWs() {
    while (i < end) {
      byte c = b[i];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        return;
      }
      i++;
    }
  }

  private String text(int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /** The token at the current position, without quotes, for messages. */
  private String token() {
    int from = i;
    if (from < end && b[from] == '"') {
      int to = from + 1;
      while (to < end && b[to] != '"' && to - from < 40) {
        to++;
      }
      return text(from + 1, to);
    }
    int to = from;
    while (to < end && to - from < 40 && "{}[],: \n\r\t".indexOf(b[to]) < 0) {
      to++;
    }
    return to == from ? describe() : text(from, to);
  }

  /** What kind of JSON value starts at the current position. */
  private String describeToken() {
    if (i == end) {
      return "the end of the body";
    }
    return switch (b[i]) {
      case '{' -> "an object";
      case '[' -> "an array";
      case '"' -> "a string";
      case 't', 'f' -> "a boolean";
      case 'n' -> "null";
      default -> (b[i] == '-' || (b[i] >= '0' && b[i] <= '9')) ? "a number" : describe();
    };
  }

  private String describe() {
    if (i >= end) {
      return "the end of the body";
    }
    int c = b[i] & 0xff;
    return c >= 0x20 && c < 0x7f
        ? "'" + (char) c + "' at byte " + i
        : "byte 0x" + Integer.toHexString(c) + " at " + i;
  }

  private OipException malformed(String what) {
    return OipException.badRequest("malformed JSON: " + what);
  }

  private static OipException invalid(String where, String what) {
    return OipException.badRequest("invalid request body at " + where + ": " + what);
  }
}
