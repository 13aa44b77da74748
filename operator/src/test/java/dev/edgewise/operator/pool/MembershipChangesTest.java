package dev.edgewise.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.operator.planner.NodeView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which nodes joined, left, disconnected or came back between two observations. */
class MembershipChangesTest {

  @Test
  void snapshotRecordsReadinessByNodeName() {
    List<NodeView> members =
        List.of(
            PoolStatusCalculatorTest.ready("b", 1.0),
            PoolStatusCalculatorTest.down("a", Instant.EPOCH));

    assertThat(MembershipChanges.snapshot(members))
        .containsExactly(Map.entry("a", false), Map.entry("b", true));
  }

  @Test
  void findsJoinedLeftDisconnectedAndReconnectedNodes() {
    Map<String, Boolean> before =
        Map.of("stays", true, "leaves", true, "drops", true, "returns", false, "stays-down", false);
    Map<String, Boolean> after =
        Map.of("stays", true, "joins", false, "drops", false, "returns", true, "stays-down", false);

    MembershipChanges changes = MembershipChanges.between(before, after);

    assertThat(changes.joined()).containsExactly("joins");
    assertThat(changes.left()).containsExactly("leaves");
    assertThat(changes.disconnected()).containsExactly("drops");
    assertThat(changes.reconnected()).containsExactly("returns");
    assertThat(changes.isEmpty()).isFalse();
  }

  @Test
  void theSameObservationTwiceIsNoChange() {
    Map<String, Boolean> same = Map.of("a", true, "b", false);

    assertThat(MembershipChanges.between(same, same).isEmpty()).isTrue();
    assertThat(MembershipChanges.between(Map.of(), Map.of()).isEmpty()).isTrue();
  }

  @Test
  void eachKindOfChangeAloneMakesItNonEmpty() {
    assertThat(MembershipChanges.between(Map.of(), Map.of("a", true)).isEmpty()).isFalse();
    assertThat(MembershipChanges.between(Map.of("a", true), Map.of()).isEmpty()).isFalse();
    assertThat(MembershipChanges.between(Map.of("a", true), Map.of("a", false)).isEmpty())
        .isFalse();
    assertThat(MembershipChanges.between(Map.of("a", false), Map.of("a", true)).isEmpty())
        .isFalse();
  }

  @Test
  void listsChangesInNodeNameOrderWhenGivenSnapshots() {
    Map<String, Boolean> before =
        MembershipChanges.snapshot(List.of(PoolStatusCalculatorTest.ready("z", 1.0)));
    Map<String, Boolean> after =
        MembershipChanges.snapshot(
            List.of(
                PoolStatusCalculatorTest.ready("c", 1.0),
                PoolStatusCalculatorTest.ready("a", 1.0),
                PoolStatusCalculatorTest.ready("b", 1.0)));

    MembershipChanges changes = MembershipChanges.between(before, after);

    assertThat(changes.joined()).containsExactly("a", "b", "c");
    assertThat(changes.left()).containsExactly("z");
  }
}
