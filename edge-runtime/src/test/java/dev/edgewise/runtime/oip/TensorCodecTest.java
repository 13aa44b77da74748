package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.model.Matrix;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding and encoding of OIP tensors, without HTTP. */
class TensorCodecTest {

  private final TensorCodec codec = new TensorCodec("digits", "input", "logits", 3, 4);

  private static InferenceRequest request(String name, String type, long[] shape, float... v) {
    return new InferenceRequest(
        "id",
        null,
        List.of(
            new InferenceRequest.InputTensor(name, shape, type, null, new TensorData(v, false))),
        null);
  }

  @Test
  void decodesAValidRequestIntoAMatrix() {
    Matrix m = codec.decode(request("input", "FP32", new long[] {2, 3}, 1, 2, 3, 4, 5, 6));
    assertThat(m.rows()).isEqualTo(2);
    assertThat(m.row(1)).containsExactly(4, 5, 6);
  }

  @Test
  void namesEachProblem() {
    assertThatThrownBy(() -> codec.decode(request("x", "FP32", new long[] {1, 3}, 1, 2, 3)))
        .hasMessageContaining("unknown input 'x'");
    assertThatThrownBy(() -> codec.decode(request("input", "FP16", new long[] {1, 3}, 1, 2, 3)))
        .hasMessageContaining("unsupported datatype 'FP16'");
    assertThatThrownBy(() -> codec.decode(request("input", "FP32", new long[] {1, 2}, 1, 2)))
        .hasMessageContaining("expected [N, 3]");
    assertThatThrownBy(() -> codec.decode(request("input", "FP32", new long[] {5, 3})))
        .hasMessageContaining("at most 4 rows");
    assertThatThrownBy(() -> codec.decode(request("input", "FP32", new long[] {2, 3}, 1, 2, 3)))
        .hasMessageContaining("needs 6 values, but data has 3");
    assertThatThrownBy(() -> codec.decode(null)).hasMessageContaining("empty");
  }

  @Test
  void encodesOneFp32Output() {
    InferenceResponse r = codec.encode("id", "7", new Matrix(new float[] {1, 2, 3, 4}, 2, 2));
    assertThat(r.modelVersion()).isEqualTo("7");
    assertThat(r.outputs()).hasSize(1);
    assertThat(r.outputs().get(0).shape()).containsExactly(2, 2);
    assertThat(r.outputs().get(0).datatype()).isEqualTo("FP32");
  }
}
