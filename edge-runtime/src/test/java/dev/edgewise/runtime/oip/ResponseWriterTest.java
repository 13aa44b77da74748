package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.compress.Half;
import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The response writer: each datatype's values exactly, binary outputs, escapes, parameters. */
class ResponseWriterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static Tensor tensor(String name, Datatype type, long[] shape, ByteBuffer filled) {
    return new Tensor(name, type, shape, filled.flip());
  }

  private static ByteBuffer le(int bytes) {
    return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static JsonNode json(ResponseWriter.Body body) throws Exception {
    int n = body.jsonLength() < 0 ? body.length() : body.jsonLength();
    return MAPPER.readTree(Arrays.copyOf(body.bytes(), n));
  }

  private static List<TensorCodec.OutputChoice> json(int n) {
    return java.util.stream.IntStream.range(0, n)
        .mapToObj(i -> new TensorCodec.OutputChoice(i, "o" + i, false))
        .toList();
  }

  @Test
  void everyDatatypeIsWrittenAsItsOwnValues() throws Exception {
    Random random = new Random(1);
    float[] floats = new float[320];
    for (int i = 0; i < floats.length; i++) {
      floats[i] = (float) (random.nextGaussian() * 10);
    }
    floats[0] = Float.NaN;
    floats[1] = Float.NEGATIVE_INFINITY;
    floats[2] = -0f;
    List<Tensor> outs =
        List.of(
            Tensor.ofFloats("fp32", new long[] {32, 10}, floats),
            tensor(
                "bool",
                Datatype.BOOL,
                new long[] {3},
                le(3).put((byte) 1).put((byte) 0).put((byte) 1)),
            tensor("u8", Datatype.UINT8, new long[] {1}, le(1).put((byte) 200)),
            tensor("i8", Datatype.INT8, new long[] {1}, le(1).put((byte) -7)),
            tensor("i16", Datatype.INT16, new long[] {1}, le(2).putShort((short) -300)),
            tensor("i32", Datatype.INT32, new long[] {1}, le(4).putInt(-70000)),
            tensor("i64", Datatype.INT64, new long[] {1, 1}, le(8).putLong(9007199254740993L)),
            tensor("f16", Datatype.FP16, new long[] {1}, le(2).putShort(Half.fromFloat(0.333f))),
            tensor("f64", Datatype.FP64, new long[] {1}, le(8).putDouble(0.1)));
    JsonNode tree = json(ResponseWriter.write("m", "1", "r", null, outs, json(outs.size())));
    JsonNode fp32 = tree.at("/outputs/0");
    assertThat(fp32.get("datatype").asText()).isEqualTo("FP32");
    assertThat(fp32.get("shape").toString()).isEqualTo("[32,10]");
    assertThat(fp32.get("data").get(0).asText()).isEqualTo("NaN");
    assertThat(fp32.get("data").get(1).asText()).isEqualTo("-Infinity");
    for (int i = 2; i < floats.length; i++) {
      assertThat(Float.floatToIntBits(Float.parseFloat(fp32.get("data").get(i).asText())))
          .isEqualTo(Float.floatToIntBits(floats[i]));
    }
    assertThat(tree.at("/outputs/1/data").toString()).isEqualTo("[true,false,true]");
    assertThat(tree.at("/outputs/2/data").toString()).isEqualTo("[200]");
    assertThat(tree.at("/outputs/3/data").toString()).isEqualTo("[-7]");
    assertThat(tree.at("/outputs/4/data").toString()).isEqualTo("[-300]");
    assertThat(tree.at("/outputs/5/data").toString()).isEqualTo("[-70000]");
    assertThat(tree.at("/outputs/6/data").get(0).asLong()).isEqualTo(9007199254740993L);
    assertThat(tree.at("/outputs/6/datatype").asText()).isEqualTo("INT64");
    assertThat((float) tree.at("/outputs/7/data").get(0).asDouble())
        .isEqualTo(Half.toFloat(Half.fromFloat(0.333f)));
    assertThat(tree.at("/outputs/8/data").get(0).asDouble()).isEqualTo(0.1);
  }

  @Test
  void binaryOutputsFollowTheJsonInOrderAndTheRestStayJson() throws Exception {
    Tensor a = Tensor.ofFloats("a", new long[] {1, 2}, new float[] {1.5f, -2f});
    Tensor b = tensor("b", Datatype.INT64, new long[] {2}, le(16).putLong(7).putLong(-1));
    Tensor c = Tensor.ofFloats("c", new long[] {1}, new float[] {3f});
    ResponseWriter.Body body =
        ResponseWriter.write(
            "m",
            "1",
            null,
            null,
            List.of(b, c, a),
            List.of(
                new TensorCodec.OutputChoice(1, "b", true),
                new TensorCodec.OutputChoice(2, "c", false),
                new TensorCodec.OutputChoice(0, "a", true)));
    JsonNode tree = json(body);
    assertThat(tree.has("id")).isFalse();
    assertThat(tree.at("/outputs/0/name").asText()).isEqualTo("b");
    assertThat(tree.at("/outputs/0/parameters/binary_data_size").asInt()).isEqualTo(16);
    assertThat(tree.at("/outputs/0").has("data")).isFalse();
    assertThat(tree.at("/outputs/1/data").toString()).isEqualTo("[3.0]");
    assertThat(tree.at("/outputs/2/parameters/binary_data_size").asInt()).isEqualTo(8);
    ByteBuffer tail =
        ByteBuffer.wrap(body.bytes(), body.jsonLength(), body.length() - body.jsonLength())
            .slice()
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(tail.remaining()).isEqualTo(24);
    assertThat(tail.getLong(0)).isEqualTo(7);
    assertThat(tail.getLong(8)).isEqualTo(-1);
    assertThat(tail.getFloat(16)).isEqualTo(1.5f);
    assertThat(tail.getFloat(20)).isEqualTo(-2f);
  }

  @Test
  void idsAndParametersAreEscapedAndTyped() throws Exception {
    String id = "a\"b\\c\n\u0001é€😀";
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("edgewise.answered_by", "edge,cloud");
    parameters.put("edgewise.offloaded_rows", 1);
    Tensor t = Tensor.ofFloats("logits", new long[] {1, 1}, new float[] {1});
    ResponseWriter.Body body =
        ResponseWriter.write("m", "v\"2", id, parameters, List.of(t), json(1));
    JsonNode tree = json(body);
    assertThat(new String(body.bytes(), 0, body.length(), StandardCharsets.UTF_8))
        .contains("\"id\"");
    assertThat(tree.get("id").asText()).isEqualTo(id);
    assertThat(tree.get("model_version").asText()).isEqualTo("v\"2");
    assertThat(tree.at("/parameters/edgewise.answered_by").asText()).isEqualTo("edge,cloud");
    assertThat(tree.at("/parameters/edgewise.offloaded_rows").isInt()).isTrue();
  }
}
