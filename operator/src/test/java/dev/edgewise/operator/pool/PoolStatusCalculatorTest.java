package dev.edgewise.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.EdgeNodePoolStatus;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.api.v1alpha1.LatencySummary;
import dev.edgewise.api.v1alpha1.NodeCounts;
import dev.edgewise.api.v1alpha1.PoolCapacity;
import dev.edgewise.operator.planner.NodeView;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Counts, capacity, latency and conditions of a pool from its member nodes. */
class PoolStatusCalculatorTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final long MIB = 1024L * 1024;

  static EdgeNodePool pool() {
    EdgeNodePool pool = new EdgeNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName("factory").withGeneration(5L).build());
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setEdgePlatform(EdgePlatform.KubeEdge);
    pool.setSpec(spec);
    return pool;
  }

  static NodeView node(
      String name, Double latency, boolean ready, Instant since, long cpuFree, long memFreeMiB) {
    return new NodeView(
        name,
        Map.of(),
        ready,
        since,
        EdgePlatform.KubeEdge,
        latency,
        null,
        4000,
        cpuFree,
        8192 * MIB,
        memFreeMiB * MIB,
        1,
        1,
        null,
        null,
        List.of(),
        "arm64",
        Set.of("factory"));
  }

  static NodeView ready(String name, Double latency) {
    return node(name, latency, true, null, 3000, 6000);
  }

  static NodeView down(String name, Instant since) {
    return node(name, 5.0, false, since, 4000, 8192);
  }

  static Condition condition(EdgeNodePoolStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void countsMembersReadyAndDisconnected() {
    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(
            pool(),
            List.of(ready("a", 1.0), ready("b", 2.0), down("c", NOW.minusSeconds(60))),
            NOW);

    assertThat(status.getNodes()).isEqualTo(new NodeCounts(3, 2, 1));
    assertThat(status.getObservedGeneration()).isEqualTo(5L);
    assertThat(status.getDisconnectedNodes()).containsExactly("c");
  }

  @Test
  void capacityCountsOnlyReadyNodesAndClampsNegativeFreeCapacity() {
    NodeView overcommitted = node("b", 1.0, true, null, -500, -10);

    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(
            pool(), List.of(ready("a", 1.0), overcommitted, down("c", NOW)), NOW);

    PoolCapacity capacity = status.getCapacity();
    assertThat(capacity.getCpuAllocatableMillis()).isEqualTo(8000);
    assertThat(capacity.getCpuFreeMillis()).isEqualTo(3000);
    assertThat(capacity.getMemoryAllocatableMiB()).isEqualTo(16384);
    assertThat(capacity.getMemoryFreeMiB()).isEqualTo(6000);
    assertThat(capacity.getGpusAllocatable()).isEqualTo(2);
    assertThat(capacity.getGpusFree()).isEqualTo(2);
  }

  @Test
  void latencyOfAnOddCountHasTheMiddleValueAsMedian() {
    LatencySummary latency =
        PoolStatusCalculator.latency(
            List.of(ready("a", 30.0), ready("b", 2.0), ready("c", 7.0), ready("d", null)));

    assertThat(latency).isEqualTo(new LatencySummary(2.0, 7.0, 30.0));
  }

  @Test
  void latencyOfAnEvenCountAveragesTheTwoMiddleValues() {
    LatencySummary latency =
        PoolStatusCalculator.latency(
            List.of(ready("a", 40.0), ready("b", 2.0), ready("c", 10.0), ready("d", 5.0)));

    assertThat(latency).isEqualTo(new LatencySummary(2.0, 7.5, 40.0));
  }

  @Test
  void latencyIncludesDisconnectedMembersAndIsNullWithoutLabels() {
    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(pool(), List.of(ready("a", 1.0), down("b", NOW)), NOW);

    assertThat(status.getLatency()).isEqualTo(new LatencySummary(1.0, 3.0, 5.0));
    assertThat(PoolStatusCalculator.latency(List.of(ready("a", null)))).isNull();
    assertThat(PoolStatusCalculator.latency(List.of())).isNull();
  }

  @Test
  void readyWhenSomeNodesAreReadyAndDegradedNamingTheOthers() {
    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(
            pool(), List.of(ready("a", 1.0), down("b", NOW.minusSeconds(5))), NOW);

    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("NodesReady");
    assertThat(ready.getMessage()).isEqualTo("1/2 nodes are Ready");
    Condition degraded = condition(status, Conditions.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo("NodesNotReady");
    assertThat(degraded.getMessage()).isEqualTo("1/2 nodes are NotReady: b");
  }

  @Test
  void healthyPoolIsReadyAndNotDegraded() {
    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(pool(), List.of(ready("a", 1.0), ready("b", 2.0)), NOW);

    assertThat(condition(status, Conditions.READY).getMessage()).isEqualTo("2/2 nodes are Ready");
    Condition degraded = condition(status, Conditions.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("False");
    assertThat(degraded.getReason()).isEqualTo("AllNodesReady");
    assertThat(degraded.getMessage()).isEqualTo("every member node is Ready");
    assertThat(status.getDisconnectedNodes()).isEmpty();
  }

  @Test
  void aPoolWithoutMembersIsNotReady() {
    EdgeNodePoolStatus status = PoolStatusCalculator.calculate(pool(), List.of(), NOW);

    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("NoMatchingNodes");
    assertThat(ready.getMessage()).isEqualTo("no node matches spec.nodeSelector");
    assertThat(status.getNodes()).isEqualTo(new NodeCounts(0, 0, 0));
    assertThat(status.getLatency()).isNull();
  }

  @Test
  void aPoolWithoutReadyMembersIsNotReady() {
    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(pool(), List.of(down("a", NOW), down("b", NOW)), NOW);

    Condition ready = condition(status, Conditions.READY);
    assertThat(ready.getReason()).isEqualTo("NoReadyNodes");
    assertThat(ready.getMessage()).isEqualTo("none of the 2 nodes is Ready");
    assertThat(status.getCapacity().getCpuAllocatableMillis()).isZero();
  }

  @Test
  void disconnectedNodesAreListedLongestDownFirstThenByNameAndCutAfterFive() {
    List<NodeView> members = new ArrayList<>();
    members.add(down("z-unknown", null));
    members.add(down("m-old", NOW.minusSeconds(600)));
    members.add(down("b-new", NOW.minusSeconds(10)));
    members.add(down("a-new", NOW.minusSeconds(10)));
    members.add(down("c-mid", NOW.minusSeconds(300)));
    members.add(down("d-newest", NOW.minusSeconds(1)));
    members.add(down("e-newest", NOW.minusSeconds(1)));
    members.add(ready("r", 1.0));

    EdgeNodePoolStatus status = PoolStatusCalculator.calculate(pool(), members, NOW);

    assertThat(status.getDisconnectedNodes())
        .containsExactly("z-unknown", "m-old", "c-mid", "a-new", "b-new", "d-newest", "e-newest");
    assertThat(condition(status, Conditions.DEGRADED).getMessage())
        .isEqualTo("7/8 nodes are NotReady: z-unknown, m-old, c-mid, a-new, b-new and 2 more");
  }

  @Test
  void keepsTheTransitionTimeOfAnUnchangedConditionFromThePreviousStatus() {
    EdgeNodePool pool = pool();
    EdgeNodePoolStatus previous = new EdgeNodePoolStatus();
    previous.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(Conditions.READY)
                .withStatus("True")
                .withReason("NodesReady")
                .withLastTransitionTime("2026-02-01T00:00:00Z")
                .build(),
            new ConditionBuilder()
                .withType(Conditions.DEGRADED)
                .withStatus("False")
                .withReason("AllNodesReady")
                .withLastTransitionTime("2026-02-01T00:00:00Z")
                .build()));
    pool.setStatus(previous);

    EdgeNodePoolStatus status =
        PoolStatusCalculator.calculate(pool, List.of(ready("a", 1.0), down("b", NOW)), NOW);

    assertThat(condition(status, Conditions.READY).getLastTransitionTime())
        .isEqualTo("2026-02-01T00:00:00Z");
    assertThat(condition(status, Conditions.DEGRADED).getLastTransitionTime())
        .isEqualTo(NOW.toString());
  }
}
