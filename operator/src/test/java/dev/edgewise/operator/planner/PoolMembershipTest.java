package dev.edgewise.operator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Label selector evaluation against node labels. */
class PoolMembershipTest {
  static final Map<String, String> LABELS =
      Map.of(
          "node-role.kubernetes.io/edge", "", "topology.kubernetes.io/zone", "a", "tier", "gold");

  static LabelSelector expression(String key, String operator, String... values) {
    return new LabelSelectorBuilder()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator(operator)
        .withValues(values)
        .endMatchExpression()
        .build();
  }

  @Test
  void anEmptySelectorSelectsEveryNodeAndANullOneNone() {
    assertThat(PoolMembership.matches(new LabelSelector(), LABELS)).isTrue();
    assertThat(PoolMembership.matches(null, LABELS)).isFalse();
  }

  @Test
  void matchLabelsNeedEveryLabelWithItsValue() {
    assertThat(
            PoolMembership.matches(
                new LabelSelectorBuilder().withMatchLabels(Map.of("tier", "gold")).build(), LABELS))
        .isTrue();
    assertThat(
            PoolMembership.matches(
                new LabelSelectorBuilder()
                    .withMatchLabels(Map.of("tier", "gold", "topology.kubernetes.io/zone", "b"))
                    .build(),
                LABELS))
        .isFalse();
  }

  @Test
  void evaluatesEachOperator() {
    assertThat(PoolMembership.matches(expression("tier", "In", "gold", "silver"), LABELS)).isTrue();
    assertThat(PoolMembership.matches(expression("tier", "In", "silver"), LABELS)).isFalse();
    assertThat(PoolMembership.matches(expression("missing", "In", "x"), LABELS)).isFalse();
    assertThat(PoolMembership.matches(expression("tier", "NotIn", "silver"), LABELS)).isTrue();
    assertThat(PoolMembership.matches(expression("missing", "NotIn", "x"), LABELS)).isTrue();
    assertThat(PoolMembership.matches(expression("tier", "NotIn", "gold"), LABELS)).isFalse();
    assertThat(PoolMembership.matches(expression("node-role.kubernetes.io/edge", "Exists"), LABELS))
        .isTrue();
    assertThat(PoolMembership.matches(expression("missing", "Exists"), LABELS)).isFalse();
    assertThat(PoolMembership.matches(expression("missing", "DoesNotExist"), LABELS)).isTrue();
    assertThat(PoolMembership.matches(expression("tier", "DoesNotExist"), LABELS)).isFalse();
  }

  @Test
  void refusesAnUnknownOperator() {
    assertThatThrownBy(() -> PoolMembership.matches(expression("tier", "Gt", "1"), LABELS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Gt");
  }

  @Test
  void namesThePoolsANodeBelongsTo() {
    assertThat(
            PoolMembership.poolsOf(
                Map.of(
                    "gold", expression("tier", "In", "gold"),
                    "zone-b", expression("topology.kubernetes.io/zone", "In", "b"),
                    "all", new LabelSelector()),
                LABELS))
        .containsExactly("all", "gold");
  }
}
