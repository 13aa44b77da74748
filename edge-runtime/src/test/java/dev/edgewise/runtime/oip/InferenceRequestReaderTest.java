package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written request reader: values exactly as Float.parseFloat, structure, and errors. */
class InferenceRequestReaderTest {

  private static InferenceRequest read(String json) {
    byte[] b = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
    // Read from the middle of a larger array, as from a pooled buffer.
    return InferenceRequestReader.read(b, 2, b.length - 3);
  }

  @Test
  void everyNumberEqualsFloatParseFloat() {
    Random random = new Random(7);
    StringBuilder data = new StringBuilder("[");
    List<String> texts = new java.util.ArrayList<>();
    for (int k = 0; k < 20_000; k++) {
      String t =
          switch (k % 6) {
            case 0 -> Float.toString((float) random.nextGaussian() * 10);
            case 1 -> Integer.toString(random.nextInt(33) - 16);
            case 2 -> String.format(Locale.ROOT, "%.4f", random.nextDouble() * 16);
            case 3 -> Double.toString(random.nextDouble() * 1e-6);
            case 4 -> String.format(Locale.ROOT, "%.12f", random.nextDouble());
            default -> Long.toString(random.nextLong());
          };
      texts.add(t);
      data.append(k > 0 ? "," : "").append(t);
    }
    InferenceRequest r =
        read("{\"inputs\":[{\"name\":\"input\",\"data\":" + data.append(']') + "}]}");
    float[] values = r.inputs().get(0).data().values();
    assertThat(values).hasSize(texts.size());
    for (int k = 0; k < values.length; k++) {
      assertThat(Float.floatToIntBits(values[k]))
          .as(texts.get(k))
          .isEqualTo(Float.floatToIntBits(Float.parseFloat(texts.get(k))));
    }
  }

  @Test
  void readsTheWholeRequestSkippingUnknownFields() {
    InferenceRequest r =
        read(
            "{\"id\":\"a\\\"b\\u00e9\",\"extra\":{\"x\":[1,true,null,\"s\"]},"
                + "\"parameters\":{\"k\":1,\"f\":0.5,\"s\":\"v\"},"
                + "\"inputs\":[{\"name\":\"input\",\"shape\":[2,2],\"datatype\":\"INT32\","
                + "\"parameters\":{\"binary_data_size\":16},\"data\":[[1,-2],[3e0,4]]}],"
                + "\"outputs\":[{\"name\":\"logits\"}]}");
    assertThat(r.id()).isEqualTo("a\"bé");
    assertThat(r.parameters()).isEqualTo(Map.of("k", 1L, "f", 0.5, "s", "v"));
    InferenceRequest.InputTensor in = r.inputs().get(0);
    assertThat(in.shape()).containsExactly(2, 2);
    assertThat(in.datatype()).isEqualTo("INT32");
    assertThat(in.parameters()).containsEntry("binary_data_size", 16L);
    assertThat(in.data().values()).containsExactly(1f, -2f, 3f, 4f);
    assertThat(in.data().fractional()).isTrue();
    assertThat(r.outputs())
        .extracting(InferenceRequest.RequestedOutput::name)
        .containsExactly("logits");
    assertThat(read("{\"inputs\":[{\"data\":[1,2]}]}").inputs().get(0).data().fractional())
        .isFalse();
  }

  @Test
  void problemsAre400sThatSayWhat() {
    assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> read("{\"inputs\": [")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{\"inputs\": 5}"))
        .hasMessageContaining("invalid request body at inputs");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[\"a\"]}]}"))
        .hasMessageContaining("only numbers, found a at position 0");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":{\"x\":1}}]}"))
        .hasMessageContaining("JSON array");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"shape\":[1.5]}]}"))
        .hasMessageContaining("must be integers");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[1,,2]}]}"))
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[.5]}]}"))
        .hasMessageContaining("only numbers, found .5");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[1 2]}]}"))
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[1.]}]}"))
        .hasMessageContaining("decimal point");
    assertThatThrownBy(() -> read("{\"inputs\":[]} x")).hasMessageContaining("after the request");
    assertThatThrownBy(() -> read("[".repeat(100) + "]".repeat(100)))
        .isInstanceOf(OipException.class);
    assertThatThrownBy(
            () -> read("{\"inputs\":[{\"data\":" + "[".repeat(100) + "1" + "]".repeat(100) + "}]}"))
        .hasMessageContaining("nested deeper");
    assertThatThrownBy(() -> read("{\"id\":\"a\nb\"}")).hasMessageContaining("control character");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[1]}]"))
        .satisfies(e -> assertThat(((OipException) e).status()).isEqualTo(400));
  }
}
