package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.model.Matrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hard rows go out as one FP32 [k, features] input; only a matching answer is read back. */
class CloudCodecTest {

  private static final CloudCodec CODEC = new CloudCodec("input", "logits");

  @Test
  void requestIsOneFp32InputOfTheSentRows() throws Exception {
    Matrix rows = new Matrix(new float[] {0.5f, 1f, 0.0625f, 3e-5f, -2f, 7f}, 2, 3);
    JsonNode req = new ObjectMapper().readTree(CODEC.request(rows, "r\"1"));
    assertThat(req.get("id").asText()).isEqualTo("r\"1");
    JsonNode in = req.get("inputs").get(0);
    assertThat(in.get("name").asText()).isEqualTo("input");
    assertThat(in.get("datatype").asText()).isEqualTo("FP32");
    assertThat(in.get("shape").toString()).isEqualTo("[2,3]");
    float[] back = new float[6];
    for (int i = 0; i < 6; i++) {
      back[i] = Float.parseFloat(in.get("data").get(i).asText());
    }
    assertThat(back).containsExactly(rows.data());
    assertThat(new ObjectMapper().readTree(CODEC.request(rows, null)).has("id")).isFalse();
  }

  private static Matrix read(String body, int rows) throws IOException {
    return CODEC.response(body.getBytes(StandardCharsets.UTF_8), rows);
  }

  @Test
  void readsFlatAndNestedAnswers() throws Exception {
    Matrix flat =
        read(
            "{\"model_name\":\"digits\",\"outputs\":[{\"name\":\"logits\",\"shape\":[2,2],"
                + "\"datatype\":\"FP32\",\"data\":[1,2,3,4.5]}]}",
            2);
    assertThat(flat.data()).containsExactly(1, 2, 3, 4.5f);
    assertThat(flat.cols()).isEqualTo(2);
    Matrix nested =
        read(
            "{\"outputs\":[{\"name\":\"probs\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[0,1]},"
                + "{\"name\":\"logits\",\"shape\":[1,2],\"datatype\":\"FP64\",\"data\":[[5,6]]}]}",
            1);
    assertThat(nested.data()).containsExactly(5, 6);
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
        .hasMessageContaining("shape [3, 2] for 2 rows");
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
                    "{\"outputs\":[{\"name\":\"logits\",\"shape\":[1,1],\"datatype\":\"BYTES\","
                        + "\"data\":[1]}]}",
                    1))
        .hasMessageContaining("datatype BYTES");
  }
}
