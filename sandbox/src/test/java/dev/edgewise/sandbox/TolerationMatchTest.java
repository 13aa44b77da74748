package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's own taint and toleration matching, by the Kubernetes rules. */
class TolerationMatchTest {
  static final Taint GPU = new Taint("NoSchedule", "nvidia.com/gpu", null, null);
  static final Taint EDGE = new Taint("NoExecute", "node-role.kubernetes.io/edge", null, "");
  static final Taint DEDICATED = new Taint("NoSchedule", "dedicated", null, "ml");
  static final Taint PREFER = new Taint("PreferNoSchedule", "busy", null, "yes");

  static Toleration toleration(String key, String operator, String value, String effect) {
    return new Toleration(effect, key, operator, null, value);
  }

  @Test
  void existsToleratesAnyValueOfTheKey() {
    assertThat(TolerationMatch.tolerates(toleration("dedicated", "Exists", null, null), DEDICATED))
        .isTrue();
    assertThat(TolerationMatch.tolerates(toleration("other", "Exists", null, null), DEDICATED))
        .isFalse();
  }

  @Test
  void equalIsTheDefaultOperatorAndNeedsTheSameValue() {
    assertThat(TolerationMatch.tolerates(toleration("dedicated", "Equal", "ml", null), DEDICATED))
        .isTrue();
    assertThat(TolerationMatch.tolerates(toleration("dedicated", null, "ml", null), DEDICATED))
        .isTrue();
    assertThat(TolerationMatch.tolerates(toleration("dedicated", "Equal", "web", null), DEDICATED))
        .isFalse();
    assertThat(TolerationMatch.tolerates(toleration("nvidia.com/gpu", "Equal", "", null), GPU))
        .as("a null taint value is the empty value")
        .isTrue();
  }

  @Test
  void anEmptyKeyWithExistsToleratesEveryTaintAndAnEffectMustMatchWhenGiven() {
    Toleration everything = toleration(null, "Exists", null, null);
    Toleration everyNoSchedule = toleration("", "Exists", null, "NoSchedule");

    assertThat(TolerationMatch.tolerates(everything, EDGE)).isTrue();
    assertThat(TolerationMatch.tolerates(everyNoSchedule, GPU)).isTrue();
    assertThat(TolerationMatch.tolerates(everyNoSchedule, EDGE)).isFalse();
    assertThat(
            TolerationMatch.tolerates(
                toleration("nvidia.com/gpu", "Exists", null, "NoExecute"), GPU))
        .isFalse();
  }

  @Test
  void anUnknownOperatorToleratesNothing() {
    assertThat(TolerationMatch.tolerates(toleration("dedicated", "Gt", "ml", null), DEDICATED))
        .isFalse();
  }

  @Test
  void everyNoScheduleAndNoExecuteTaintMustBeToleratedPreferNoScheduleDoesNotBlock() {
    List<Taint> taints = List.of(GPU, EDGE, PREFER);
    Toleration gpu = toleration("nvidia.com/gpu", "Exists", null, "NoSchedule");
    Toleration edge = toleration("node-role.kubernetes.io/edge", "Exists", null, null);

    assertThat(TolerationMatch.schedulable(taints, List.of(gpu, edge))).isTrue();
    assertThat(TolerationMatch.schedulable(taints, List.of(gpu))).isFalse();
    assertThat(TolerationMatch.schedulable(List.of(PREFER), null)).isTrue();
    assertThat(TolerationMatch.schedulable(null, null)).isTrue();
  }
}
