package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.model.Matrix;
import org.junit.jupiter.api.Test;

/** Top-class probability is the softmax's largest value, stable for large logits. */
class ConfidenceTest {

  @Test
  void topProbabilityIsTheLargestSoftmaxValue() {
    float[] logits = {1f, 2f, 3f};
    double sum = Math.exp(1) + Math.exp(2) + Math.exp(3);
    assertThat(Confidence.topProbability(logits, 0, 3))
        .isCloseTo((float) (Math.exp(3) / sum), within(1e-6f));
    assertThat(Confidence.topProbability(new float[] {5f, 5f}, 0, 2))
        .isCloseTo(0.5f, within(1e-6f));
    assertThat(Confidence.topProbability(new float[] {7f}, 0, 1)).isEqualTo(1f);
  }

  @Test
  void largeLogitsDoNotOverflowAndOffsetsSelectTheRow() {
    float[] two = {1000f, 0f, 0f, 0f, 0f, 0f};
    assertThat(Confidence.topProbability(two, 0, 3)).isCloseTo(1f, within(1e-6f));
    assertThat(Confidence.topProbability(two, 3, 3)).isCloseTo(1f / 3, within(1e-6f));
    float[] rows = Confidence.ofRows(new Matrix(two, 2, 3));
    assertThat(rows[0]).isCloseTo(1f, within(1e-6f));
    assertThat(rows[1]).isCloseTo(1f / 3, within(1e-6f));
  }

  @Test
  void nanIsNotConfidentAndAllMinusInfinityIsUniform() {
    assertThat(Confidence.topProbability(new float[] {Float.NaN, 9f}, 0, 2)).isZero();
    float inf = Float.NEGATIVE_INFINITY;
    assertThat(Confidence.topProbability(new float[] {inf, inf, inf, inf}, 0, 4)).isEqualTo(0.25f);
  }
}
