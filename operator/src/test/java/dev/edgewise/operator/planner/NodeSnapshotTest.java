package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.TestNodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeSnapshotTest {
  private final List<NodeView> before =
      List.of(
          node("a").zone("z1").kubeEdge().latency(5).build(),
          node("b").zone("z2").pools("edge", "west").build(),
          node("c").zone("z1").build());

  @Test
  void aCapacityChangeGivesTheSameArraysAsAFreshSnapshot() {
    NodeSnapshot previous = NodeSnapshot.of(before);
    List<NodeView> after = new ArrayList<>(before);
    after.set(1, node("b").zone("z2").pools("edge", "west").cpu(4000, 1500).build());
    after.set(2, node("c").zone("z1").notReadySince(Instant.ofEpochMilli(42)).build());

    NodeSnapshot updated = previous.withChanged(after, new int[] {1, 2});

    assertSameArrays(updated, NodeSnapshot.of(after));
    assertThat(updated.views()).isEqualTo(after);
    assertThat(previous.cpuFree[1]).as("the previous snapshot is untouched").isEqualTo(4000);
  }

  @Test
  void aZoneTaintOrPoolChangeBuildsTheSnapshotAnew() {
    NodeSnapshot previous = NodeSnapshot.of(before);
    List<NodeView> after = new ArrayList<>(before);
    after.set(2, node("c").zone("z3").pools("edge", "east").build());

    NodeSnapshot updated = previous.withChanged(after, new int[] {2});

    assertSameArrays(updated, NodeSnapshot.of(after));
    assertThat(updated.zoneCount).isEqualTo(3);
    assertThat(updated.poolId("east")).isNotNegative();
  }

  private static void assertSameArrays(NodeSnapshot actual, NodeSnapshot expected) {
    assertThat(actual.names).isEqualTo(expected.names);
    assertThat(actual.ready).isEqualTo(expected.ready);
    assertThat(actual.notReadySinceMillis).isEqualTo(expected.notReadySinceMillis);
    assertThat(actual.latencyMs).isEqualTo(expected.latencyMs);
    assertThat(actual.cpuAllocatable).isEqualTo(expected.cpuAllocatable);
    assertThat(actual.cpuFree).isEqualTo(expected.cpuFree);
    assertThat(actual.memoryAllocatable).isEqualTo(expected.memoryAllocatable);
    assertThat(actual.memoryFree).isEqualTo(expected.memoryFree);
    assertThat(actual.zoneIds).isEqualTo(expected.zoneIds);
    assertThat(actual.taintSetIds).isEqualTo(expected.taintSetIds);
    assertThat(actual.poolMasks).isEqualTo(expected.poolMasks);
    assertThat(actual.zoneCount).isEqualTo(expected.zoneCount);
    assertThat(actual.taintSetCount()).isEqualTo(expected.taintSetCount());
  }
}
