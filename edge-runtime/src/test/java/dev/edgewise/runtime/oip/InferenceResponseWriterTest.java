package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.edgewise.runtime.model.Matrix;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The response writer produces the same JSON as the object mapper does for the response record. */
class InferenceResponseWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Matrix outputs(int rows, int cols, long seed) {
    Random random = new Random(seed);
    float[] data = new float[rows * cols];
    for (int i = 0; i < data.length; i++) {
      data[i] = (float) (random.nextGaussian() * 10);
    }
    return new Matrix(data, rows, cols);
  }

  private static JsonNode expected(String id, String version, Matrix m) throws Exception {
    TensorCodec codec = new TensorCodec("digits", "input", "logits", 64, 1024);
    return comparable(MAPPER.writeValueAsBytes(codec.encode(id, version, m)));
  }

  /**
   * The response tree with its data as the floats the text reads back as (two texts may differ and
   * still denote the same float), so trees compare equal exactly when the floats are the same bits.
   */
  private static JsonNode comparable(byte[] json) throws Exception {
    JsonNode tree = MAPPER.readTree(json);
    ArrayNode data = (ArrayNode) tree.at("/outputs/0/data");
    for (int i = 0; i < data.size(); i++) {
      float v = Float.parseFloat(data.get(i).asText());
      data.set(i, TextNode.valueOf(Integer.toHexString(Float.floatToRawIntBits(v))));
    }
    return tree;
  }

  @Test
  void sameJsonAsTheObjectMapper() throws Exception {
    Matrix m = outputs(32, 10, 1);
    byte[] json = InferenceResponseWriter.write("digits", "1", "req-7", "logits", m);
    assertThat(comparable(json)).isEqualTo(expected("req-7", "1", m));
    JsonNode data = MAPPER.readTree(json).at("/outputs/0/data");
    for (int i = 0; i < m.data().length; i++) {
      assertThat(Float.parseFloat(data.get(i).asText())).isEqualTo(m.data()[i]);
    }
  }

  @Test
  void idIsLeftOutWhenNullAndStringsAreEscaped() throws Exception {
    Matrix m = outputs(1, 10, 2);
    assertThat(comparable(InferenceResponseWriter.write("digits", "1", null, "logits", m)))
        .isEqualTo(expected(null, "1", m));
    String id = "a\"b\\c\n\u0001é€😀";
    JsonNode tree = comparable(InferenceResponseWriter.write("digits", "v\"2", id, "logits", m));
    assertThat(tree).isEqualTo(expected(id, "v\"2", m));
    assertThat(tree.get("id").asText()).isEqualTo(id);
  }

  @Test
  void notFiniteOutputsAsTheObjectMapperWritesThem() throws Exception {
    Matrix m =
        new Matrix(
            new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0f}, 1, 4);
    assertThat(comparable(InferenceResponseWriter.write("digits", "1", "x", "logits", m)))
        .isEqualTo(expected("x", "1", m));
  }

  @Test
  void pooledBufferHoldsTheSameBytesAndGrowsTheScratchForLargeOutputs() {
    for (Matrix m : new Matrix[] {outputs(1, 10, 3), outputs(1024, 10, 4), outputs(2, 10, 5)}) {
      byte[] expected = InferenceResponseWriter.write("digits", "1", "i", "logits", m);
      ByteBuf buf =
          InferenceResponseWriter.write(
              PooledByteBufAllocator.DEFAULT, "digits", "1", "i", null, "logits", m);
      try {
        byte[] actual = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), actual);
        assertThat(new String(actual, StandardCharsets.UTF_8))
            .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(Arrays.equals(actual, expected)).isTrue();
      } finally {
        buf.release();
      }
    }
  }

  @Test
  void parametersAreWrittenAsTheObjectMapperWritesThem() throws Exception {
    Matrix m = outputs(3, 10, 6);
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("edgewise.answered_by", "edge,cloud,edge-fallback");
    parameters.put("edgewise.offloaded_rows", 1);
    TensorCodec codec = new TensorCodec("digits", "input", "logits", 64, 1024);
    byte[] json = InferenceResponseWriter.write("digits", "1", "p", parameters, "logits", m);
    assertThat(comparable(json))
        .isEqualTo(comparable(MAPPER.writeValueAsBytes(codec.encode("p", "1", m, parameters))));
    JsonNode tree = MAPPER.readTree(json);
    assertThat(tree.at("/parameters/edgewise.answered_by").asText())
        .isEqualTo("edge,cloud,edge-fallback");
    assertThat(tree.at("/parameters/edgewise.offloaded_rows").isInt()).isTrue();
  }
}
