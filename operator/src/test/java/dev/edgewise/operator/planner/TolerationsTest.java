package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.TestNodes.taint;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Toleration matching with the Kubernetes semantics. */
class TolerationsTest {

  static Toleration toleration(String key, String operator, String value, String effect) {
    return new TolerationBuilder()
        .withKey(key)
        .withOperator(operator)
        .withValue(value)
        .withEffect(effect)
        .build();
  }

  @Test
  void existsMatchesAnyValueAndAnEmptyKeyMatchesEveryTaint() {
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Exists", null, "NoSchedule"), taint("k", "v", "NoSchedule")))
        .isTrue();
    assertThat(
            Tolerations.tolerates(
                toleration(null, "Exists", null, null), taint("any", "v", "NoExecute")))
        .isTrue();
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Exists", null, "NoSchedule"), taint("other", null, "NoSchedule")))
        .isFalse();
  }

  @Test
  void equalNeedsTheSameKeyAndValueAndTheOperatorDefaultsToEqual() {
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Equal", "v", null), taint("k", "v", "NoSchedule")))
        .isTrue();
    assertThat(
            Tolerations.tolerates(toleration("k", null, "v", null), taint("k", "v", "NoExecute")))
        .isTrue();
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Equal", "v", null), taint("k", "w", "NoSchedule")))
        .isFalse();
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Equal", null, null), taint("k", "", "NoSchedule")))
        .isTrue();
  }

  @Test
  void anEffectMustMatchWhenGiven() {
    assertThat(
            Tolerations.tolerates(
                toleration("k", "Exists", null, "NoSchedule"), taint("k", null, "NoExecute")))
        .isFalse();
  }

  @Test
  void onlyNoExecuteTaintsMatterForARunningPod() {
    List<Toleration> none = List.of();

    assertThat(Tolerations.allowed(List.of(taint("k", null, "NoSchedule")), none, true)).isTrue();
    assertThat(Tolerations.allowed(List.of(taint("k", null, "NoSchedule")), none, false)).isFalse();
    assertThat(Tolerations.allowed(List.of(taint("k", null, "NoExecute")), none, true)).isFalse();
    assertThat(Tolerations.allowed(List.of(taint("k", null, "PreferNoSchedule")), none, false))
        .isTrue();
  }
}
