package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.compress.Half;
import dev.edgewise.runtime.model.Datatype;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming request reader: values in their own datatype, structure, and errors. */
class JsonRequestReaderTest {

  private static InferenceRequest read(String json) {
    byte[] b = ("  " + json + " ").getBytes(StandardCharsets.UTF_8);
    // Read from the middle of a larger array, as from a pooled buffer.
    return JsonRequestReader.read(b, 2, b.length - 3);
  }

  private static TensorValues data(String datatype, String data) {
    return read("{\"inputs\":[{\"name\":\"x\",\"datatype\":\""
            + datatype
            + "\",\"data\":"
            + data
            + "}]}")
        .inputs()
        .get(0)
        .data();
  }

  @Test
  void everyFp32EqualsFloatParseFloat() {
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
    TensorValues v = data("FP32", data.append(']').toString());
    assertThat(v.count()).isEqualTo(texts.size());
    for (int k = 0; k < texts.size(); k++) {
      assertThat(Float.floatToIntBits(v.bytes().getFloat(k * 4)))
          .as(texts.get(k))
          .isEqualTo(Float.floatToIntBits(Float.parseFloat(texts.get(k))));
    }
  }

  @Test
  void everyDatatypeIsKeptAsItself() {
    ByteBuffer b = data("BOOL", "[[true,false],[false,true]]").bytes();
    assertThat(new byte[] {b.get(0), b.get(1), b.get(2), b.get(3)}).containsExactly(1, 0, 0, 1);
    assertThat(data("UINT8", "[0,255]").bytes().get(1)).isEqualTo((byte) 255);
    assertThat(data("INT8", "[-128,127]").bytes().get(0)).isEqualTo((byte) -128);
    assertThat(data("INT16", "[-32768,7]").bytes().getShort(0)).isEqualTo((short) -32768);
    assertThat(data("INT32", "[2147483647]").bytes().getInt(0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(data("INT64", "[9223372036854775807,-9007199254740993]").bytes().getLong(8))
        .isEqualTo(-9007199254740993L);
    assertThat(data("FP16", "[0.5,65504]").bytes().getShort(2)).isEqualTo(Half.fromFloat(65504f));
    assertThat(data("FP64", "[0.1]").bytes().getDouble(0)).isEqualTo(0.1);
    TensorValues text = data("BYTES", "[\"héllo\",\"\"]");
    assertThat(text.count()).isEqualTo(2);
    assertThat(text.bytes().getInt(0)).isEqualTo(6);
    assertThat(text.bytes().limit()).isEqualTo(4 + 6 + 4);
    for (Datatype d : Datatype.values()) {
      assertThat(
              data(
                      d.name(),
                      d == Datatype.BOOL ? "[true]" : d == Datatype.BYTES ? "[\"a\"]" : "[1]")
                  .datatype())
          .isEqualTo(d);
    }
  }

  @Test
  void dataBeforeDatatypeAndShapeIsReadOnceTheDatatypeIsKnown() {
    InferenceRequest r =
        read(
            "{\"inputs\":[{\"data\":[[1,2],[3,4]],\"name\":\"ids\",\"shape\":[2,2],"
                + "\"datatype\":\"INT64\"}]}");
    TensorValues v = r.inputs().get(0).data();
    assertThat(v.datatype()).isEqualTo(Datatype.INT64);
    assertThat(v.bytes().getLong(24)).isEqualTo(4);
    assertThat(r.inputs().get(0).shape()).containsExactly(2, 2);
  }

  @Test
  void readsTheWholeRequestSkippingUnknownFields() {
    InferenceRequest r =
        read(
            "{\"id\":\"r\\u00e91\",\"extra\":{\"a\":[1,{\"b\":null}]},\"parameters\":{\"k\":\"v\","
                + "\"n\":2,\"binary_data_output\":true},\"inputs\":[{\"name\":\"input\",\"shape\":[1,2],"
                + "\"datatype\":\"FP32\",\"parameters\":{\"p\":1},\"data\":[0.5,1]}],"
                + "\"outputs\":[{\"name\":\"logits\",\"parameters\":{\"binary_data\":false}}]}");
    assertThat(r.id()).isEqualTo("ré1");
    assertThat(r.parameters()).isEqualTo(Map.of("k", "v", "n", 2, "binary_data_output", true));
    assertThat(r.inputs().get(0).parameters()).isEqualTo(Map.of("p", 1));
    assertThat(r.outputs().get(0).name()).isEqualTo("logits");
    assertThat(r.outputs().get(0).parameters()).isEqualTo(Map.of("binary_data", false));
  }

  @Test
  void problemsAre400sThatSayWhat() {
    assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> read("{\"inputs\": [")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{\"inputs\": 5}")).hasMessageContaining("expected an array");
    assertThatThrownBy(() -> data("FP32", "[\"a\"]"))
        .hasMessageContaining("input 'x' is FP32: element 0 must be a number, got a string");
    assertThatThrownBy(() -> data("INT32", "[1, 2.5]"))
        .hasMessageContaining("input 'x' is INT32 but element 1 is 2.5, not an integer");
    assertThatThrownBy(() -> data("UINT8", "[256]"))
        .hasMessageContaining("element 0 is 256, outside [0, 255]");
    assertThatThrownBy(() -> data("INT64", "[99999999999999999999]"))
        .hasMessageContaining("outside");
    assertThatThrownBy(() -> data("BOOL", "[1]"))
        .hasMessageContaining("input 'x' is BOOL: element 0 must be true or false, got a number");
    assertThatThrownBy(() -> data("FP8", "[1]"))
        .hasMessageContaining("unsupported datatype 'FP8'; use one of BOOL, UINT8");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"data\":[1]}]}"))
        .hasMessageContaining("has data but no datatype");
    assertThatThrownBy(() -> read("{\"inputs\":[{\"shape\":[1.5]}]}"))
        .hasMessageContaining("dimensions must be integers, got 1.5");
    assertThatThrownBy(() -> data("FP32", "[1,,2]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> read("{\"inputs\":[]} x")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("FP32", "[".repeat(100) + "1" + "]".repeat(100)))
        .hasMessageContaining("malformed JSON");
  }

  @Test
  void readsTheOutputsOfAResponse() throws Exception {
    List<InferenceRequest.InputTensor> outs =
        JsonRequestReader.readOutputs(
            ("{\"model_name\":\"m\",\"outputs\":[{\"name\":\"a\",\"datatype\":\"INT32\","
                    + "\"shape\":[2],\"data\":[3,4]}]}")
                .getBytes(StandardCharsets.UTF_8));
    assertThat(outs).hasSize(1);
    assertThat(outs.get(0).data().bytes().getInt(4)).isEqualTo(4);
  }
}
