package dev.edgewise.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.collaboration.OffloadPolicy;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Joint evaluation on the digits test split, student on the edge and the CNN fixture as the cloud:
 * threshold 0 sends nothing (edge accuracy), threshold 1 sends everything (cloud accuracy), a
 * budget caps the rate.
 */
class JointEvaluationTest {

  private static final ModelLoader LOADER = new ModelLoader(64);

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  private static LoadedModel load(java.nio.file.Path p) throws Exception {
    return LOADER.load(new ModelSource("m", "1", p, ModelFormat.TorchScript, Optional.empty()));
  }

  private static OffloadPolicy.Rule rule(Double threshold, Integer budget) {
    return rule(threshold, budget, 1000);
  }

  private static OffloadPolicy.Rule rule(Double threshold, Integer budget, int window) {
    return new OffloadPolicy.Rule(
        threshold == null ? OptionalDouble.empty() : OptionalDouble.of(threshold),
        budget == null ? OptionalInt.empty() : OptionalInt.of(budget),
        window);
  }

  @Test
  void thresholdsSpanEdgeOnlyToCloudOnlyAndABudgetCapsTheRate() throws Exception {
    DigitsData test = DigitsData.read(Fixtures.DIGITS).testSplit();
    try (LoadedModel edge = load(Fixtures.STUDENT);
        LoadedModel cloud = load(Fixtures.CNN)) {
      Evaluator.JointEvaluation none = Evaluator.joint(edge, cloud, test, rule(0.0, null));
      assertThat(none.offloadRate()).isZero();
      assertThat(none.jointAccuracy()).isEqualTo(none.edgeAccuracy());
      assertThat(none.edgeAccuracy()).isEqualTo(Evaluator.evaluate(edge, test).accuracy());
      Evaluator.JointEvaluation all = Evaluator.joint(edge, cloud, test, rule(1.0, null));
      assertThat(all.offloadRate()).isEqualTo(1.0);
      assertThat(all.jointAccuracy()).isEqualTo(all.cloudAccuracy());
      Evaluator.JointEvaluation some = Evaluator.joint(edge, cloud, test, rule(0.9, null));
      assertThat(some.offloadRate()).isBetween(0.01, 0.99);
      // Every row hard, at most 10 of any 100 consecutive rows may go: 40 of 359.
      Evaluator.JointEvaluation capped = Evaluator.joint(edge, cloud, test, rule(1.0, 10, 100));
      assertThat(capped.offloadRate() * test.size()).isLessThanOrEqualTo(40.0).isGreaterThan(30.0);
      assertThat(capped.overBudgetRate()).isCloseTo(1 - capped.offloadRate(), within(1e-9));
      Evaluator.JointEvaluation quantile = Evaluator.joint(edge, cloud, test, rule(null, 10, 100));
      assertThat(quantile.offloadRate()).isBetween(0.05, 0.11);
      // The least confident rows go: better than the edge alone.
      assertThat(quantile.jointAccuracy()).isGreaterThan(quantile.edgeAccuracy());
    }
  }

  @Test
  void theCommandRefusesJointOptionsWithoutACloudModel() {
    String model = Fixtures.STUDENT.toString();
    String data = Fixtures.DIGITS.toString();
    assertThat(
            Tools.run(
                "evaluate", "--model", model, "--data", data, "--confidence-threshold", "0.9"))
        .isEqualTo(Tools.BAD_INPUT);
    assertThat(
            Tools.run(
                "evaluate",
                "--model",
                model,
                "--data",
                data,
                "--cloud-model",
                Fixtures.CNN.toString()))
        .isEqualTo(Tools.BAD_INPUT);
    assertThat(
            Tools.run(
                "evaluate",
                "--model",
                model,
                "--data",
                data,
                "--cloud-model",
                Fixtures.CNN.toString(),
                "--confidence-threshold",
                "0.9"))
        .isEqualTo(Tools.OK);
  }
}
