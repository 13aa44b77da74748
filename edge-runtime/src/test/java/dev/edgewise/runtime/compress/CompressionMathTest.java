package dev.edgewise.runtime.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The pure compression arithmetic: int8 per-channel, half precision, pruning, byte layouts. */
class CompressionMathTest {

  private static float[] gaussian(int n, long seed) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian() * (1 + i % 7);
    }
    return v;
  }

  @Test
  void int8UsesOneSymmetricScalePerOutputChannelAndErrsAtMostHalfAStep() {
    float[] w = gaussian(4 * 50, 1);
    w[0] = 0; // a channel's zero stays exactly zero
    Int8Quantizer.Quantized q = Int8Quantizer.quantize(w, 4);
    assertThat(q.scales()).hasSize(4);
    for (int c = 0; c < 4; c++) {
      float max = 0;
      for (int i = c * 50; i < (c + 1) * 50; i++) {
        max = Math.max(max, Math.abs(w[i]));
      }
      assertThat(q.scales()[c]).isCloseTo(max / 127f, within(1e-7f));
    }
    float[] back = Int8Quantizer.dequantize(q);
    for (int i = 0; i < w.length; i++) {
      assertThat(Math.abs(back[i] - w[i])).isLessThanOrEqualTo(q.scales()[i / 50] / 2 + 1e-6f);
      assertThat(q.values()[i]).isBetween((byte) -127, (byte) 127);
    }
    assertThat(back[0]).isZero();
  }

  @Test
  void int8OfAnAllZeroChannelIsZero() {
    Int8Quantizer.Quantized q = Int8Quantizer.quantize(new float[] {0, 0, 127, -127}, 2);
    assertThat(Int8Quantizer.dequantize(q)).containsExactly(0, 0, 127, -127);
    assertThatThrownBy(() -> Int8Quantizer.quantize(new float[5], 2))
        .hasMessageContaining("equal channels");
  }

  @Test
  void halfPrecisionRoundTripsWithinItsPrecision() {
    float[] exact = {0f, -0f, 1f, -2f, 0.5f, 65504f, 6.1035156e-5f, 5.9604645e-8f};
    for (float f : exact) {
      assertThat(Half.toFloat(Half.fromFloat(f))).isEqualTo(f);
    }
    for (float f : gaussian(1000, 2)) {
      float back = Half.toFloat(Half.fromFloat(f));
      assertThat(Math.abs(back - f)).isLessThanOrEqualTo(Math.abs(f) / 2048f + 1e-7f);
    }
    assertThat(Half.toFloat(Half.fromFloat(1e6f))).isEqualTo(Float.POSITIVE_INFINITY);
    assertThat(Half.toFloat(Half.fromFloat(Float.NaN))).isNaN();
    assertThat(Half.fromFloat(1.00048828125f)).isEqualTo((short) 0x3c00); // tie rounds to even
  }

  @Test
  void pruningZeroesExactlyTheSmallestFraction() {
    float[] w = {5, -1, 3, -4, 2, 0.5f, -6, 7};
    float[] p = MagnitudePruner.prune(w, 0.5);
    assertThat(p).containsExactly(5, 0, 0, -4, 0, 0, -6, 7);
    float[] ties = MagnitudePruner.prune(new float[] {1, 1, 1, 1}, 0.5);
    int zeros = 0;
    for (float f : ties) {
      zeros += f == 0 ? 1 : 0;
    }
    assertThat(zeros).isEqualTo(2);
    assertThatThrownBy(() -> MagnitudePruner.prune(w, 1.0)).hasMessageContaining("sparsity");
  }

  @Test
  void everyEncodingRoundTripsAndTheSparseOnesAreSmaller() {
    float[] w = MagnitudePruner.prune(gaussian(8 * 64, 3), 0.5);
    NamedTensor t = new NamedTensor("w", new long[] {8, 64}, w);
    for (TensorEncoding e : TensorEncoding.values()) {
      float[] back = e.decode(e.encode(t), w.length, 8);
      for (int i = 0; i < w.length; i++) {
        if (w[i] == 0) {
          assertThat(back[i]).as("%s keeps pruned zeros", e).isZero();
        }
        assertThat(back[i]).as("%s value %d", e, i).isCloseTo(w[i], within(0.05f * 7));
      }
    }
    assertThat(TensorEncoding.FP32.decode(TensorEncoding.FP32.encode(t), w.length, 8))
        .containsExactly(w);
    assertThat(TensorEncoding.INT8.encode(t)).hasSize(4 * 8 + 512);
    assertThat(TensorEncoding.SPARSE_INT8.encode(t).length).isLessThan(4 * 8 + 512 * 5 / 8 + 8);
    assertThat(TensorEncoding.SPARSE_FP32.encode(t).length).isEqualTo(64 + 4 * 256);
  }
}
