package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.ModelInput;
import dev.edgewise.runtime.model.Signature;
import dev.edgewise.runtime.model.TensorSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests checked against a signature, without HTTP: every problem named. */
class TensorCodecTest {

  private static final Signature TEXT =
      new Signature(
          List.of(
              new TensorSpec("input_ids", Datatype.INT64, new long[] {-1, -1}),
              new TensorSpec("attention_mask", Datatype.INT64, new long[] {-1, -1})),
          List.of(
              new TensorSpec("logits", Datatype.FP32, new long[] {-1, 4}),
              new TensorSpec("pooled", Datatype.FP32, new long[] {-1, 8})));

  private final TensorCodec codec = new TensorCodec("text", 4);

  private static InferenceRequest read(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return JsonRequestReader.read(b, 0, b.length);
  }

  private static String ids(String name, String type, String shape, String data) {
    return "{\"name\":\""
        + name
        + "\",\"datatype\":\""
        + type
        + "\",\"shape\":"
        + shape
        + ",\"data\":"
        + data
        + "}";
  }

  private static final String MASK = ids("attention_mask", "INT64", "[1,3]", "[1,1,0]");

  @Test
  void ordersInputsAsTheSignatureAndKeepsTheirDatatype() {
    TensorCodec.Decoded d =
        codec.decode(
            read(
                "{\"id\":\"a\",\"inputs\":["
                    + MASK
                    + ","
                    + ids("input_ids", "INT64", "[1,3]", "[[5,9007199254740993,7]]")
                    + "]}"),
            TEXT);
    ModelInput in = d.input();
    assertThat(in.tensors())
        .extracting(t -> t.name())
        .containsExactly("input_ids", "attention_mask");
    assertThat(in.tensors().get(0).datatype()).isEqualTo(Datatype.INT64);
    // Kept as 64-bit integers: 2^53 + 1 is not a double.
    assertThat(in.tensors().get(0).data().getLong(8)).isEqualTo(9007199254740993L);
    assertThat(in.rows()).isEqualTo(1);
    assertThat(in.batchKey()).isEqualTo("INT64[3,]INT64[3,]");
    assertThat(d.outputs())
        .extracting(TensorCodec.OutputChoice::name)
        .containsExactly("logits", "pooled");
    assertThat(d.binary()).isFalse();
  }

  @Test
  void outputsAreSelectedAndOrderedAsAskedAndMayBeBinary() {
    TensorCodec.Decoded d =
        codec.decode(
            read(
                "{\"inputs\":["
                    + MASK
                    + ","
                    + ids("input_ids", "INT64", "[1,3]", "[1,2,3]")
                    + "],\"parameters\":{\"binary_data_output\":true},"
                    + "\"outputs\":[{\"name\":\"pooled\"},"
                    + "{\"name\":\"logits\",\"parameters\":{\"binary_data\":false}}]}"),
            TEXT);
    assertThat(d.outputs())
        .containsExactly(
            new TensorCodec.OutputChoice(1, "pooled", true),
            new TensorCodec.OutputChoice(0, "logits", false));
  }

  @Test
  void namesEachProblem() {
    String ok = ids("input_ids", "INT64", "[1,3]", "[1,2,3]");
    assertThatThrownBy(() -> codec.decode(read("{\"inputs\":[" + ok + "]}"), TEXT))
        .hasMessageContaining("input 'attention_mask' (INT64 [-1, -1]) is missing");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("x", "INT64", "[1,3]", "[1,2,3]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining(
            "unknown input 'x'; model 'text' takes 'input_ids', 'attention_mask'");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("input_ids", "INT32", "[1,3]", "[1,2,3]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining("input 'input_ids' has datatype INT32; model 'text' takes INT64");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("input_ids", "BYTES", "[1,1]", "[\"hello\"]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining("is BYTES, but model 'text' declares no BYTES input");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("input_ids", "INT64", "[3]", "[1,2,3]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining("input 'input_ids' has shape [3]; expected [-1, -1]");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("input_ids", "INT64", "[5,1]", "[1,2,3,4,5]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining("at most 4 rows");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ids("input_ids", "INT64", "[1,3]", "[1,2]")
                            + "]}"),
                    TEXT))
        .hasMessageContaining("needs 3 values, but data has 2");
    assertThatThrownBy(
            () ->
                codec.decode(
                    read(
                        "{\"inputs\":["
                            + MASK
                            + ","
                            + ok
                            + "],\"outputs\":[{\"name\":\"probs\"}]}"),
                    TEXT))
        .hasMessageContaining("unknown output 'probs'; model 'text' produces 'logits', 'pooled'");
    assertThatThrownBy(() -> codec.decode(null, TEXT)).hasMessageContaining("empty");
  }

  @Test
  void requestsWithOtherShapesGetOtherBatchKeys() {
    Signature image =
        new Signature(
            List.of(new TensorSpec("image", Datatype.FP32, new long[] {-1, 1, -1, -1})),
            List.of(new TensorSpec("logits", Datatype.FP32, new long[] {-1, 2})));
    ModelInput small =
        codec
            .decode(
                read("{\"inputs\":[" + ids("image", "FP32", "[2,1,1,1]", "[1,2]") + "]}"), image)
            .input();
    ModelInput wide =
        codec
            .decode(
                read("{\"inputs\":[" + ids("image", "FP32", "[1,1,1,2]", "[1,2]") + "]}"), image)
            .input();
    assertThat(small.rows()).isEqualTo(2);
    assertThat(wide.rows()).isEqualTo(1);
    assertThat(small.batchKey()).isNotEqualTo(wide.batchKey());
  }
}
