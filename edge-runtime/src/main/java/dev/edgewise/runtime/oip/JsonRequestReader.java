package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.edgewise.runtime.compress.Half;
import dev.edgewise.runtime.model.Datatype;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads OIP v2 inference requests (and the output tensors of responses) with Jackson's streaming
 * {@link JsonParser}: each tensor's {@code data}, flat or nested, is written straight into
 * little-endian bytes of its own datatype (BOOL as {@code true}/{@code false}, integers checked
 * against their type's range, FP16 rounded from the JSON number, BYTES as strings). A tensor whose
 * {@code data} comes before its {@code datatype} is buffered as tokens and read once the datatype
 * is known. Unknown fields are skipped; every problem is a 400 that names the field.
 */
public final class JsonRequestReader {

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
              .build());
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private JsonRequestReader() {}

  /** Reads the request in {@code bytes[offset, offset + length)}. */
  public static InferenceRequest read(byte[] bytes, int offset, int length) {
    try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        throw OipException.badRequest("request body is empty; send an OIP v2 inference request");
      }
      InferenceRequest request = request(p);
      if (p.nextToken() != null) {
        throw OipException.badRequest(
            "malformed JSON: unexpected " + p.currentToken() + " after the request object");
      }
      return request;
    } catch (JsonProcessingException e) {
      // Syntax errors and the stream's limits (nesting depth, number length).
      throw OipException.badRequest(
          "malformed JSON: " + ErrorMappers.clean(e.getOriginalMessage()));
    } catch (IOException e) {
      throw OipException.badRequest("unreadable JSON: " + e.getMessage());
    }
  }

  /** The output tensors of an OIP inference response (for answers from the cloud). */
  public static List<InferenceRequest.InputTensor> readOutputs(byte[] bytes) throws IOException {
    try (JsonParser p = FACTORY.createParser(bytes)) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, "body");
      List<InferenceRequest.InputTensor> outputs = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        if (key.equals("outputs") && t != JsonToken.VALUE_NULL) {
          outputs = tensors(p, "outputs");
        } else {
          p.skipChildren();
        }
      }
      return outputs;
    } catch (OipException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static InferenceRequest request(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT, "body");
    String id = null;
    Map<String, Object> parameters = null;
    List<InferenceRequest.InputTensor> inputs = null;
    List<InferenceRequest.RequestedOutput> outputs = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "id" -> id = string(p, t, "id");
        case "parameters" -> parameters = map(p, t, "parameters");
        case "inputs" -> inputs = t == JsonToken.VALUE_NULL ? null : tensors(p, "inputs");
        case "outputs" -> outputs = t == JsonToken.VALUE_NULL ? null : requested(p);
        default -> p.skipChildren();
      }
    }
    return new InferenceRequest(id, parameters, inputs, outputs);
  }

  private static List<InferenceRequest.InputTensor> tensors(JsonParser p, String field)
      throws IOException {
    expect(p, p.currentToken(), JsonToken.START_ARRAY, field);
    List<InferenceRequest.InputTensor> list = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      list.add(tensor(p, field + "[" + list.size() + "]"));
    }
    return list;
  }

  private static InferenceRequest.InputTensor tensor(JsonParser p, String where)
      throws IOException {
    expect(p, p.currentToken(), JsonToken.START_OBJECT, where);
    String name = null;
    long[] shape = null;
    String datatype = null;
    Map<String, Object> parameters = null;
    TensorValues data = null;
    TokenBuffer early = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      JsonToken t = p.nextToken();
      switch (key) {
        case "name" -> name = string(p, t, where + ".name");
        case "shape" -> shape = shape(p, t, where + ".shape");
        case "datatype" -> datatype = string(p, t, where + ".datatype");
        case "parameters" -> parameters = map(p, t, where + ".parameters");
        case "data" -> {
          if (t == JsonToken.VALUE_NULL) {
            data = null;
          } else if (datatype != null) {
            data = values(p, type(datatype, name), shape, name);
          } else {
            early = new TokenBuffer(p);
            early.copyCurrentStructure(p);
          }
        }
        default -> p.skipChildren();
      }
    }
    if (early != null) {
      if (datatype == null) {
        throw OipException.badRequest("input '" + name + "' has data but no datatype");
      }
      try (JsonParser replay = early.asParser(p)) {
        replay.nextToken();
        data = values(replay, type(datatype, name), shape, name);
      }
    }
    return new InferenceRequest.InputTensor(name, shape, datatype, parameters, data);
  }

  private static Datatype type(String datatype, String name) {
    return InputDatatype.of(name, datatype);
  }

  private static List<InferenceRequest.RequestedOutput> requested(JsonParser p) throws IOException {
    expect(p, p.currentToken(), JsonToken.START_ARRAY, "outputs");
    List<InferenceRequest.RequestedOutput> list = new ArrayList<>(2);
    while (p.nextToken() != JsonToken.END_ARRAY) {
      String where = "outputs[" + list.size() + "]";
      expect(p, p.currentToken(), JsonToken.START_OBJECT, where);
      String name = null;
      Map<String, Object> parameters = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        JsonToken t = p.nextToken();
        switch (key) {
          case "name" -> name = string(p, t, where + ".name");
          case "parameters" -> parameters = map(p, t, where + ".parameters");
          default -> p.skipChildren();
        }
      }
      list.add(new InferenceRequest.RequestedOutput(name, parameters));
    }
    return list;
  }

  /** Reads flat or nested arrays of {@code type} values into little-endian bytes. */
  static TensorValues values(JsonParser p, Datatype type, long[] shape, String name)
      throws IOException {
    long expected = shape == null ? -1 : elementsOrMinusOne(shape);
    Sink sink = new Sink(type, name, expected);
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_ARRAY) {
      int depth = 1;
      while (depth > 0) {
        t = p.nextToken();
        if (t == JsonToken.START_ARRAY) {
          depth++;
        } else if (t == JsonToken.END_ARRAY) {
          depth--;
        } else if (t == null) {
          throw OipException.badRequest("malformed JSON: input '" + name + "' data is cut short");
        } else {
          sink.add(p, t);
        }
      }
    } else {
      sink.add(p, t);
    }
    return sink.done();
  }

  private static long elementsOrMinusOne(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0 || d > Integer.MAX_VALUE || (n *= d) > (1L << 28)) {
        return -1;
      }
    }
    return n;
  }

  /** Collects values of one datatype, growing as needed. */
  private static final class Sink {
    private final Datatype type;
    private final String name;
    private ByteBuffer out;
    private long count;

    Sink(Datatype type, String name, long expected) {
      this.type = type;
      this.name = name;
      int width = Math.max(1, type.width());
      long initial = expected > 0 ? expected * width : 256;
      this.out =
          ByteBuffer.allocate((int) Math.min(initial, 1 << 26)).order(ByteOrder.LITTLE_ENDIAN);
    }

    void add(JsonParser p, JsonToken t) throws IOException {
      ensure(type == Datatype.BYTES ? 4 : type.width());
      switch (type) {
        case BOOL -> {
          if (t == JsonToken.VALUE_TRUE) {
            out.put((byte) 1);
          } else if (t == JsonToken.VALUE_FALSE) {
            out.put((byte) 0);
          } else {
            throw wrong(t, "true or false");
          }
        }
        case UINT8 -> out.put((byte) integer(p, t, 0, 255));
        case INT8 -> out.put((byte) integer(p, t, Byte.MIN_VALUE, Byte.MAX_VALUE));
        case INT16 -> out.putShort((short) integer(p, t, Short.MIN_VALUE, Short.MAX_VALUE));
        case INT32 -> out.putInt((int) integer(p, t, Integer.MIN_VALUE, Integer.MAX_VALUE));
        case INT64 -> out.putLong(integer(p, t, Long.MIN_VALUE, Long.MAX_VALUE));
        case FP16 -> out.putShort(Half.fromFloat(number(p, t).getFloatValue()));
        case FP32 -> out.putFloat(number(p, t).getFloatValue());
        case FP64 -> out.putDouble(number(p, t).getDoubleValue());
        case BYTES -> {
          if (t != JsonToken.VALUE_STRING) {
            throw wrong(t, "a string");
          }
          byte[] s = p.getText().getBytes(StandardCharsets.UTF_8);
          out.putInt(s.length);
          ensure(s.length);
          out.put(s);
        }
      }
      count++;
    }

    private JsonParser number(JsonParser p, JsonToken t) {
      if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
        throw wrong(t, "a number");
      }
      return p;
    }

    private long integer(JsonParser p, JsonToken t, long min, long max) throws IOException {
      if (t == JsonToken.VALUE_NUMBER_FLOAT) {
        throw OipException.badRequest(
            "input '"
                + name
                + "' is "
                + type
                + " but element "
                + count
                + " is "
                + p.getText()
                + ", not an integer");
      }
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw wrong(t, "an integer");
      }
      long v;
      try {
        v = p.getLongValue();
      } catch (InputCoercionException e) {
        throw outOfRange(p.getText(), min, max);
      }
      if (v < min || v > max) {
        throw outOfRange(Long.toString(v), min, max);
      }
      return v;
    }

    private OipException outOfRange(String text, long min, long max) {
      return OipException.badRequest(
          "input '"
              + name
              + "' is "
              + type
              + " but element "
              + count
              + " is "
              + text
              + ", outside ["
              + min
              + ", "
              + max
              + "]");
    }

    private OipException wrong(JsonToken t, String expected) {
      return OipException.badRequest(
          "input '"
              + name
              + "' is "
              + type
              + ": element "
              + count
              + " must be "
              + expected
              + ", got "
              + describe(t));
    }

    private void ensure(int more) {
      if (out.remaining() < more) {
        long size = Math.max((long) out.capacity() * 2, (long) out.position() + more);
        if (size > Integer.MAX_VALUE - 16) {
          throw new OipException(413, "input '" + name + "' holds more than 2 GiB of data");
        }
        ByteBuffer bigger = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
        out.flip();
        bigger.put(out);
        out = bigger;
      }
    }

    TensorValues done() {
      out.flip();
      return new TensorValues(type, out, count);
    }
  }

  private static String describe(JsonToken t) {
    return switch (t) {
      case VALUE_STRING -> "a string";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      default -> t.toString();
    };
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String where) {
    if (actual != wanted) {
      throw OipException.badRequest(
          "invalid request body at "
              + where
              + ": expected "
              + (wanted == JsonToken.START_OBJECT ? "an object" : "an array")
              + ", got "
              + (actual == null ? "the end of the body" : describe(actual)));
    }
  }

  private static String string(JsonParser p, JsonToken t, String where) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.VALUE_STRING) {
      throw OipException.badRequest(
          "invalid request body at " + where + ": expected a string, got " + describe(t));
    }
    return p.getText();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonParser p, JsonToken t, String where)
      throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t != JsonToken.START_OBJECT) {
      throw OipException.badRequest(
          "invalid request body at " + where + ": expected an object, got " + describe(t));
    }
    return MAPPER.readValue(p, Map.class);
  }

  private static long[] shape(JsonParser p, JsonToken t, String where) throws IOException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    expect(p, t, JsonToken.START_ARRAY, where);
    long[] dims = new long[4];
    int n = 0;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (t != JsonToken.VALUE_NUMBER_INT) {
        throw OipException.badRequest(
            "invalid request body at "
                + where
                + ": dimensions must be integers, got "
                + (t == JsonToken.VALUE_NUMBER_FLOAT ? p.getText() : describe(t)));
      }
      if (n == dims.length) {
        dims = Arrays.copyOf(dims, n * 2);
      }
      dims[n++] = p.getLongValue();
    }
    return Arrays.copyOf(dims, n);
  }
}
