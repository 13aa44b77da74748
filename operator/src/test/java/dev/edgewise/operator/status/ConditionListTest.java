package dev.edgewise.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conditions set the Kubernetes way: transition time kept unless the status flips. */
class ConditionListTest {
  static final Instant EARLIER = Instant.parse("2026-03-01T10:00:00Z");
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00.789Z");

  static Condition ready(String status) {
    return new ConditionBuilder()
        .withType("Ready")
        .withStatus(status)
        .withReason("Old")
        .withMessage("old message")
        .withObservedGeneration(1L)
        .withLastTransitionTime(EARLIER.toString())
        .build();
  }

  @Test
  void keepsTheTransitionTimeWhenTheStatusIsUnchanged() {
    ConditionList list = ConditionList.from(List.of(ready("True")), 2, NOW);

    list.set("Ready", true, "NewReason", "new message");

    Condition c = list.get("Ready").orElseThrow();
    assertThat(c.getLastTransitionTime()).isEqualTo(EARLIER.toString());
    assertThat(c.getReason()).isEqualTo("NewReason");
    assertThat(c.getMessage()).isEqualTo("new message");
    assertThat(c.getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void changesTheTransitionTimeToNowInWholeSecondsWhenTheStatusFlips() {
    ConditionList list = ConditionList.from(List.of(ready("True")), 2, NOW);

    list.set("Ready", false, "Broken", "it broke");

    Condition c = list.get("Ready").orElseThrow();
    assertThat(c.getStatus()).isEqualTo("False");
    assertThat(c.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z");
  }

  @Test
  void aNewConditionTransitionsNow() {
    ConditionList list = ConditionList.from(null, 4, NOW);

    list.set("Degraded", "Unknown", "Starting", "not observed yet");

    Condition c = list.get("Degraded").orElseThrow();
    assertThat(c.getStatus()).isEqualTo("Unknown");
    assertThat(c.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z");
    assertThat(c.getObservedGeneration()).isEqualTo(4L);
  }

  @Test
  void keepsOneConditionPerType() {
    ConditionList list = ConditionList.from(List.of(ready("True")), 1, NOW);

    list.set("Ready", false, "A", "a").set("Ready", true, "B", "b");

    assertThat(list.toList()).singleElement().extracting(Condition::getReason).isEqualTo("B");
  }

  @Test
  void listsConditionsSortedByType() {
    ConditionList list = ConditionList.from(List.of(ready("True")), 1, NOW);

    list.set("RolledOut", true, "R", "r").set("Degraded", false, "D", "d");

    assertThat(list.toList())
        .extracting(Condition::getType)
        .containsExactly("Degraded", "Ready", "RolledOut");
  }

  @Test
  void removesAConditionAndAnswersIsTrue() {
    ConditionList list = ConditionList.from(List.of(ready("True")), 1, NOW);

    assertThat(list.isTrue("Ready")).isTrue();
    assertThat(list.isTrue("Degraded")).isFalse();
    list.set("Degraded", false, "D", "d");
    assertThat(list.isTrue("Degraded")).isFalse();
    list.remove("Ready");
    assertThat(list.get("Ready")).isEmpty();
    assertThat(list.isTrue("Ready")).isFalse();
  }

  @Test
  void doesNotChangeThePreviousConditions() {
    List<Condition> previous = new ArrayList<>(List.of(ready("True")));

    ConditionList.from(previous, 2, NOW).set("Ready", false, "Broken", "x").remove("Ready");

    assertThat(previous).singleElement().isEqualTo(ready("True"));
  }
}
