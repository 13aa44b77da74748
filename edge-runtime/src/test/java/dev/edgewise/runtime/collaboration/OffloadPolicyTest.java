package dev.edgewise.runtime.collaboration;

import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.CLOUD;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.EDGE;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.OVER_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.collaboration.OffloadPolicy.Decision;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Threshold, budget cap over a sliding window, and the running quantile of budget-only mode. */
class OffloadPolicyTest {

  private static OffloadPolicy policy(Double threshold, Integer budget, int window) {
    return new OffloadPolicy(
        new OffloadPolicy.Rule(
            threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold),
            budget == null ? OptionalInt.empty() : OptionalInt.of(budget),
            window));
  }

  @Test
  void thresholdAloneSendsEveryRowBelowIt() {
    OffloadPolicy p = policy(0.9, null, 10);
    assertThat(p.decide(new float[] {0.5f, 0.9f, 0.89f, 1f, 0f}))
        .containsExactly(CLOUD, EDGE, CLOUD, EDGE, CLOUD);
    // No budget: as many as are hard, however many.
    float[] allHard = new float[100];
    assertThat(p.decide(allHard)).containsOnly(CLOUD);
  }

  @Test
  void budgetCapsTheRowsSentOverTheSlidingWindow() {
    // 20% of a 10-row window: at most 2 of the last 10 rows go.
    OffloadPolicy p = policy(0.9, 20, 10);
    assertThat(p.decide(new float[] {0.1f, 0.1f, 0.1f})).containsExactly(CLOUD, CLOUD, OVER_BUDGET);
    // Confident rows push the sent ones out of the window.
    assertThat(p.decide(new float[] {1f, 1f, 1f, 1f, 1f, 1f, 1f})).containsOnly(EDGE);
    // Rows 0 and 1 (sent) leave the window as rows 10 and 11 join it: those two may go.
    assertThat(p.decide(new float[] {0.1f})).containsExactly(CLOUD);
    assertThat(p.decide(new float[] {0.1f})).containsExactly(CLOUD);
    // Rows 3..12 hold two sent rows (10 and 11) already.
    assertThat(p.decide(new float[] {0.1f})).containsExactly(OVER_BUDGET);
  }

  @Test
  void zeroBudgetSendsNothingAndFullBudgetDefersToTheThreshold() {
    assertThat(policy(0.9, 0, 10).decide(new float[] {0f, 0.5f, 1f}))
        .containsExactly(OVER_BUDGET, OVER_BUDGET, EDGE);
    assertThat(policy(0.9, 100, 4).decide(new float[] {0f, 0f, 0f, 0f, 0f, 1f}))
        .containsExactly(CLOUD, CLOUD, CLOUD, CLOUD, CLOUD, EDGE);
    assertThat(policy(null, 0, 10).decide(new float[] {0.5f, 0.1f, 0.01f})).containsOnly(EDGE);
  }

  @Test
  void budgetAloneSendsTheLeastConfidentRowsAtAboutTheBudgetRate() {
    OffloadPolicy p = policy(null, 10, 1000);
    Random random = new Random(3);
    float[] confidence = new float[20_000];
    for (int i = 0; i < confidence.length; i++) {
      confidence[i] = random.nextFloat();
    }
    Decision[] d = new Decision[confidence.length];
    for (int i = 0; i < confidence.length; i++) {
      d[i] = p.decide(new float[] {confidence[i]})[0];
    }
    int sent = 0;
    float maxSent = 0;
    for (int i = 1000; i < d.length; i++) {
      if (d[i] == CLOUD) {
        sent++;
        maxSent = Math.max(maxSent, confidence[i]);
      }
    }
    // Uniform confidences: about 10% go, all of them from the lowest part of the distribution.
    assertThat(sent / 19_000.0).isBetween(0.08, 0.10);
    assertThat(maxSent).isLessThan(0.15f);
    // The first row has nothing to compare with.
    assertThat(d[0]).isEqualTo(EDGE);
  }

  @Test
  void budgetAloneNeverSendsRowsTiedWithTheWholeWindow() {
    OffloadPolicy p = policy(null, 50, 10);
    float[] saturated = new float[30];
    java.util.Arrays.fill(saturated, 1f);
    assertThat(p.decide(saturated)).containsOnly(EDGE);
    assertThat(p.decide(new float[] {0.3f})).containsExactly(CLOUD);
  }

  @Test
  void aRuleNeedsAThresholdOrABudget() {
    assertThatThrownBy(() -> policy(null, null, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> policy(0.5, null, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
