package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The hard rows of every input go out as one OIP request, each input in its own datatype; only an
 * answer with every edge output, in its datatype, with one row per row sent is read back.
 */
class CloudCodecTest {

  private static final CloudCodec CODEC = new CloudCodec();
  private static final Tensor EDGE = Tensor.ofFloats("logits", new long[] {5, 2}, new float[10]);

  @Test
  void requestCarriesEveryInputInItsDatatype() throws Exception {
    Tensor pixels =
        Tensor.ofFloats(
            "input", new long[] {2, 3}, new float[] {0.5f, 1f, 0.0625f, 3e-5f, -2f, 7f});
    ByteBuffer ids = ByteBuffer.allocate(4 * 8).order(ByteOrder.LITTLE_ENDIAN);
    ids.putLong(101).putLong(1L << 40).putLong(-3).putLong(0).flip();
    Tensor tokens = new Tensor("input_ids", Datatype.INT64, new long[] {2, 2}, ids);
    JsonNode req = new ObjectMapper().readTree(CODEC.request(List.of(pixels, tokens), "r\"1"));
    assertThat(req.get("id").asText()).isEqualTo("r\"1");
    JsonNode in = req.get("inputs").get(0);
    assertThat(in.get("name").asText()).isEqualTo("input");
    assertThat(in.get("datatype").asText()).isEqualTo("FP32");
    assertThat(in.get("shape").toString()).isEqualTo("[2,3]");
    float[] back = new float[6];
    for (int i = 0; i < 6; i++) {
      back[i] = Float.parseFloat(in.get("data").get(i).asText());
    }
    assertThat(back).containsExactly(0.5f, 1f, 0.0625f, 3e-5f, -2f, 7f);
    JsonNode second = req.get("inputs").get(1);
    assertThat(second.get("datatype").asText()).isEqualTo("INT64");
    assertThat(second.get("data").toString()).isEqualTo("[101,1099511627776,-3,0]");
    assertThat(new ObjectMapper().readTree(CODEC.request(List.of(pixels), null)).has("id"))
        .isFalse();
  }

  private static Tensor read(String body, int rows) throws IOException {
    return CODEC.response(body.getBytes(StandardCharsets.UTF_8), rows, List.of(EDGE)).get(0);
  }

  @Test
  void readsFlatAndNestedAnswers() throws Exception {
    Tensor flat =
        read(
            "{\"model_name\":\"digits\",\"outputs\":[{\"name\":\"logits\",\"shape\":[2,2],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4.5]}]}",
            2);
    assertThat(flat.toDoubles()).containsExactly(1, 2, 3, 4.5);
    assertThat(flat.shape()).containsExactly(2, 2);
    List<Tensor> nested =
        CODEC.response(
            ("{\"outputs\":[{\"name\":\"probs\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[0,1]},"
                    + "{\"name\":\"logits\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[[5,6]]}]}")
                .getBytes(StandardCharsets.UTF_8),
            1,
            List.of(EDGE));
    assertThat(nested).hasSize(1);
    assertThat(nested.get(0).toDoubles()).containsExactly(5, 6);
  }

  @Test
  void refusesAnswersThatAreNotOneRowPerSentRow() {
    assertThatThrownBy(() -> read("not json", 1)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> read("{\"outputs\":[]}", 1)).hasMessageContaining("no outputs");
    assertThatThrownBy(
            () ->
                read(
                    "{\"outputs\":[{\"name\":\"logits\",\"shape\":[3,2],\"datatype\":\"FP32\","
                        + "\"data\":[1,2,3,4,5,6]}]}",
                    2))
        .hasMessageContaining("shape [3, 2] for output 'logits', expected [2, 2]");
    assertThatThrownBy(
            () ->
                read(
                    "{\"outputs\":[{\"name\":\"logits\",\"shape\":[2,2],\"datatype\":\"FP32\","
                        + "\"data\":[1,2,3]}]}",
                    2))
        .hasMessageContaining("has 3 values");
    assertThatThrownBy(
            () ->
                read(
                    "{\"outputs\":[{\"name\":\"logits\",\"shape\":[1,2],\"datatype\":\"FP64\","
                        + "\"data\":[1,2]}]}",
                    1))
        .hasMessageContaining("as FP64, expected FP32");
  }
}
