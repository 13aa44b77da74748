package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.edgewise.runtime.model.Matrix;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writes an inference response straight from the output matrix with a raw Jackson generator: the
 * same JSON as {@link InferenceResponse} through the object mapper, without boxing or reflection.
 */
public final class InferenceResponseWriter {

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build();

  private InferenceResponseWriter() {}

  /** The response's UTF-8 bytes; {@code id} is left out when null. */
  public static byte[] write(
      String modelName, String version, String id, String outputName, Matrix output) {
    ByteArrayBuilder bytes = new ByteArrayBuilder(128 + 12 * output.data().length);
    try (JsonGenerator g = JSON.createGenerator(bytes)) {
      g.writeStartObject();
      g.writeStringField("model_name", modelName);
      g.writeStringField("model_version", version);
      if (id != null) {
        g.writeStringField("id", id);
      }
      g.writeArrayFieldStart("outputs");
      g.writeStartObject();
      g.writeStringField("name", outputName);
      g.writeArrayFieldStart("shape");
      g.writeNumber(output.rows());
      g.writeNumber(output.cols());
      g.writeEndArray();
      g.writeStringField("datatype", "FP32");
      g.writeArrayFieldStart("data");
      for (float v : output.data()) {
        g.writeNumber(v);
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      // Writing to memory does not fail; if it ever did, the caller answers 500.
      throw new UncheckedIOException("cannot write the inference response", e);
    }
    return bytes.toByteArray();
  }
}
