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

  private static float[] data(String array) {
    return read("{\"inputs\":[{\"name\":\"input\",\"data\":" + array + "}]}")
        .inputs()
        .get(0)
        .data()
        .values();
  }

  private static void assertSameAsParseFloat(String text) {
    // At the end of the body (byte by byte) and followed by more bytes (eight at a time).
    for (String json : new String[] {"[" + text + "]", "[" + text + ",0,0,0,0,0,0,0,0]"}) {
      float[] v = data(json);
      assertThat(Float.floatToRawIntBits(v[0]))
          .as("%s in %s", text, json)
          .isEqualTo(Float.floatToRawIntBits(Float.parseFloat(text)));
    }
  }

  @Test
  void numbersOfEveryLengthExponentsAndSigns() {
    Random random = new Random(3);
    for (int intDigits = 1; intDigits <= 10; intDigits++) {
      for (int fractionDigits = 0; fractionDigits <= 10; fractionDigits++) {
        for (int k = 0; k < 10; k++) {
          StringBuilder t = new StringBuilder(random.nextBoolean() ? "-" : "");
          for (int d = 0; d < intDigits; d++) {
            t.append((char) ('0' + random.nextInt(10)));
          }
          if (fractionDigits > 0) {
            t.append('.');
            for (int d = 0; d < fractionDigits; d++) {
              t.append((char) ('0' + random.nextInt(10)));
            }
          }
          assertSameAsParseFloat(t.toString());
          assertSameAsParseFloat(t + "e-3");
          assertSameAsParseFloat(t + "E+2");
        }
      }
    }
    for (String t :
        new String[] {
          "0",
          "-0",
          "-0.0",
          "0.0",
          "16777215",
          "16777216",
          "16777217",
          "9999999",
          "99999999",
          "0.9999999",
          "0.99999999",
          "1.5e38",
          "3.4028236e38",
          "1e-46",
          "1.4e-45",
          "-2.5E-3",
          "12345678901234567890",
          "0.000000000000000000000000000001",
          "007",
          "1" + "0".repeat(60),
          "0." + "3".repeat(80)
        }) {
      assertSameAsParseFloat(t);
    }
  }

  @Test
  void nestedEmptyAndSpacedArrays() {
    assertThat(data("[[1,2],[3,4]]")).containsExactly(1f, 2f, 3f, 4f);
    assertThat(data("[[[0.5]],[[-0.25],[]],[]]")).containsExactly(0.5f, -0.25f);
    assertThat(data("[]")).isEmpty();
    assertThat(data("[[],[]]")).isEmpty();
    assertThat(data(" [ [ 1 , 2 ] ,\n\t[ 3 ,4 ]\r\n] ")).containsExactly(1f, 2f, 3f, 4f);
    assertThat(data("[ ]")).isEmpty();
    assertThat(data("[1,[ ],2]")).containsExactly(1f, 2f);
    assertThat(data("[1 , -2\t,\n3.5 ]")).containsExactly(1f, -2f, 3.5f);
    // A shape that does not match the data is TensorCodec's to report, not the reader's.
    InferenceRequest r = read("{\"inputs\":[{\"name\":\"x\",\"shape\":[2,3],\"data\":[1,2,3,4]}]}");
    assertThat(r.inputs().get(0).data().values()).containsExactly(1f, 2f, 3f, 4f);
    r = read("{\"inputs\":[{\"shape\":[1000000000,1000000000],\"data\":[1]}]}");
    assertThat(r.inputs().get(0).data().values()).containsExactly(1f);
    r = read("{\"inputs\":[{\"shape\":[2],\"data\":[1,2,3.5,4,5,6,7,8,9,10,11,12]}]}");
    assertThat(r.inputs().get(0).data().values()).hasSize(12).endsWith(12f);
    assertThat(r.inputs().get(0).data().fractional()).isTrue();
  }

  @Test
  void malformedNumbersAndNonNumbersInData() {
    assertThatThrownBy(() -> data("[1,NaN]")).hasMessageContaining("found NaN at position 1");
    assertThatThrownBy(() -> data("[\"NaN\"]")).hasMessageContaining("found NaN at position 0");
    assertThatThrownBy(() -> data("[Infinity]")).hasMessageContaining("found Infinity");
    assertThatThrownBy(() -> data("[-]")).hasMessageContaining("digits after '-'");
    assertThatThrownBy(() -> data("[-x]")).hasMessageContaining("digits after '-'");
    assertThatThrownBy(() -> data("[1e]")).hasMessageContaining("exponent");
    assertThatThrownBy(() -> data("[1.5.5]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1,]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[,1]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[[1,2]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1]]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1 2]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[0x10]")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1,true]")).hasMessageContaining("found true at position 1");
    assertThatThrownBy(() -> data("[1,\u00e9]")).hasMessageContaining("found \u00e9 at position 1");
    assertThatThrownBy(() -> data("[1,\u0001]")).isInstanceOf(OipException.class);
    assertThatThrownBy(() -> data("[-")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1")).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> data("[1.5")).hasMessageContaining("malformed JSON");
  }
}
