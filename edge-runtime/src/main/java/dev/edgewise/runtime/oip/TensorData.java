package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.io.IOException;
import java.util.Arrays;

/**
 * The {@code data} of an input tensor, flattened in row-major order: OIP allows both flat and
 * nested JSON arrays. Remembers whether any value had a fraction or exponent, so integer datatypes
 * can be checked.
 *
 * @param values the numbers, as floats (the models take FP32)
 * @param fractional whether any value was written as a non-integer JSON number
 */
@JsonDeserialize(using = TensorData.Reader.class)
public record TensorData(float[] values, boolean fractional) {

  /** Reads nested arrays of numbers; anything else is a client error that names what was found. */
  public static final class Reader extends JsonDeserializer<TensorData> {

    @Override
    public TensorData deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
      float[] buf = new float[64];
      int n = 0;
      boolean fractional = false;
      JsonToken first = p.currentToken();
      if (first != JsonToken.START_ARRAY) {
        throw new TensorFormatException(
            "tensor data must be a JSON array of numbers, got " + first);
      }
      int depth = 1;
      while (depth > 0) {
        JsonToken t = p.nextToken();
        if (t == null) {
          throw new TensorFormatException("tensor data ends before its array is closed");
        }
        switch (t) {
          case START_ARRAY -> depth++;
          case END_ARRAY -> depth--;
          case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
            if (n == buf.length) {
              buf = Arrays.copyOf(buf, buf.length * 2);
            }
            if (t == JsonToken.VALUE_NUMBER_FLOAT) {
              fractional = true;
            }
            buf[n++] = p.getFloatValue();
          }
          default ->
              throw new TensorFormatException(
                  "tensor data must contain only numbers, found "
                      + p.getText()
                      + " at position "
                      + n);
        }
      }
      return new TensorData(n == buf.length ? buf : Arrays.copyOf(buf, n), fractional);
    }
  }

  /** Tensor data that is not an array of numbers. */
  public static final class TensorFormatException extends IOException {

    /** Creates the exception with a message naming the problem. */
    public TensorFormatException(String message) {
      super(message);
    }
  }
}
