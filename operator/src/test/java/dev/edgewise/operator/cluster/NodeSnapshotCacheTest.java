package dev.edgewise.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeSnapshotCacheTest {
  private final NodeSnapshotCache cache = new NodeSnapshotCache();

  @Test
  void reusesTheSnapshotWhileNoChangeIsReported() {
    Cluster observed = observation(List.of(node("a"), node("b")), Map.of(), "x");

    NodeSnapshot first = snapshot(observed, "latency");
    NodeSnapshot second =
        snapshot(observation(List.of(node("a"), node("b")), Map.of(), "x"), "latency");

    assertThat(second).isSameAs(first);
    assertThat(first.views()).extracting(NodeView::name).containsExactly("a", "b");
    assertThat(first.views()).allSatisfy(v -> assertThat(v.latencyMs()).isEqualTo(12.0));
  }

  @Test
  void aPodBoundToAReportedNodeLowersItsFreeCapacity() {
    snapshot(observation(List.of(node("a")), Map.of(), "x"), "latency");
    Cluster withPod = observation(List.of(node("a")), Map.of("a", List.of(pod("p1", "500m"))), "x");

    NodeSnapshot unreported = snapshot(withPod, "latency");
    cache.nodeChanged("a");
    NodeSnapshot reported = snapshot(withPod, "latency");

    assertThat(unreported.views().get(0).cpuFreeMillis()).isEqualTo(4000);
    assertThat(reported.views().get(0).cpuFreeMillis()).isEqualTo(3500);
  }

  @Test
  void aPodPhaseChangeRebuildsOnlyItsNodesView() {
    List<Node> nodes = List.of(node("a"), node("b"));
    Pod running = pod("p1", "500m");
    NodeSnapshot first =
        snapshot(observation(nodes, Map.of("a", List.of(running)), "x"), "latency");
    Pod succeeded = new PodBuilder(running).editStatus().withPhase("Succeeded").endStatus().build();

    cache.nodeChanged("a");
    NodeSnapshot after =
        snapshot(observation(nodes, Map.of("a", List.of(succeeded)), "x"), "latency");

    assertThat(first.views().get(0).cpuFreeMillis()).isEqualTo(3500);
    assertThat(after.views().get(0).cpuFreeMillis()).isEqualTo(4000);
    assertThat(after.views().get(1)).isSameAs(first.views().get(1));
    assertThat(snapshot(observation(nodes, Map.of("a", List.of(succeeded)), "x"), "latency"))
        .isSameAs(after);
  }

  @Test
  void aRelabelledNodeOrAnotherPoolSelectorRebuildsTheViews() {
    NodeSnapshot first = snapshot(observation(List.of(node("a")), Map.of(), "x"), "latency");
    assertThat(first.views().get(0).pools()).containsExactly("pool");

    NodeSnapshot otherSelector =
        snapshot(observation(List.of(node("a")), Map.of(), "y"), "latency");
    assertThat(otherSelector.views().get(0).pools()).isEmpty();

    Node relabelled =
        new NodeBuilder(node("a")).editMetadata().addToLabels("tier", "y").endMetadata().build();
    cache.nodeChanged("a");
    NodeSnapshot newVersion = snapshot(observation(List.of(relabelled), Map.of(), "y"), "latency");
    assertThat(newVersion.views().get(0).pools()).containsExactly("pool");
  }

  @Test
  void aNodeJoiningOrLeavingRebuildsTheSnapshot() {
    snapshot(observation(List.of(node("a")), Map.of(), "x"), "latency");

    cache.nodesAddedOrRemoved();
    NodeSnapshot joined =
        snapshot(observation(List.of(node("a"), node("b")), Map.of(), "x"), "latency");
    cache.nodesAddedOrRemoved();
    NodeSnapshot left = snapshot(observation(List.of(node("b")), Map.of(), "x"), "latency");

    assertThat(joined.views()).extracting(NodeView::name).containsExactly("a", "b");
    assertThat(left.views()).extracting(NodeView::name).containsExactly("b");
  }

  @Test
  void aChangeReportedForANodeThatIsGoneRebuildsTheSnapshot() {
    snapshot(observation(List.of(node("a"), node("b")), Map.of(), "x"), "latency");

    cache.nodeChanged("a");
    NodeSnapshot after = snapshot(observation(List.of(node("b")), Map.of(), "x"), "latency");

    assertThat(after.views()).extracting(NodeView::name).containsExactly("b");
  }

  @Test
  void keepsOneSnapshotPerLatencyLabelAndReportsChangesToEach() {
    Cluster observed = observation(List.of(node("a")), Map.of(), "x");

    NodeSnapshot byLatency = snapshot(observed, "latency");
    NodeSnapshot byRtt = snapshot(observed, "rtt");

    assertThat(byLatency.views().get(0).latencyMs()).isEqualTo(12.0);
    assertThat(byRtt.views().get(0).latencyMs()).isEqualTo(30.0);
    assertThat(snapshot(observed, "latency")).isSameAs(byLatency);

    Cluster withPod = observation(List.of(node("a")), Map.of("a", List.of(pod("p1", "500m"))), "x");
    cache.nodeChanged("a");
    assertThat(snapshot(withPod, "latency").views().get(0).cpuFreeMillis()).isEqualTo(3500);
    assertThat(snapshot(withPod, "rtt").views().get(0).cpuFreeMillis()).isEqualTo(3500);
  }

  private static Cluster observation(
      List<Node> nodes, Map<String, List<Pod>> podsByNode, String tier) {
    EdgeNodePool pool = new EdgeNodePool();
    pool.getMetadata().setName("pool");
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setNodeSelector(new LabelSelectorBuilder().addToMatchLabels("tier", tier).build());
    pool.setSpec(spec);
    Map<String, EdgeNodePool> pools = new LinkedHashMap<>();
    pools.put("pool", pool);
    return new Cluster(NodesAndPods.of(nodes, podsByNode), pools.values());
  }

  /** What the cache reads: the informers' nodes and pods, and every EdgeNodePool. */
  private record Cluster(NodesAndPods nodesAndPods, Collection<EdgeNodePool> pools) {}

  private NodeSnapshot snapshot(Cluster cluster, String latencyLabel) {
    return cache.snapshot(cluster.nodesAndPods(), cluster.pools(), latencyLabel);
  }

  private static Node node(String name) {
    return ClusterFixtures.readyNode(name, Map.of("tier", "x", "latency", "12", "rtt", "30"));
  }

  private static Pod pod(String uid, String cpu) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(uid)
        .withUid(uid)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withNodeName("a")
        .addNewContainer()
        .withName("c")
        .withNewResources()
        .addToRequests("cpu", new Quantity(cpu))
        .endResources()
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }
}
