package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.NOW;
import static dev.edgewise.operator.deployment.Fixtures.vision;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.operator.cluster.ClusterFixtures;
import dev.edgewise.operator.cluster.NodeSnapshotCache;
import dev.edgewise.operator.cluster.NodesAndPods;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The placement step's inputs: pools that cap the models per node count the other runtimes. */
class PlacementStageTest {
  private final NodeSnapshotCache nodes = new NodeSnapshotCache();
  private final RuntimesPerNode runtimes = new RuntimesPerNode();

  @Test
  void aNodeFullOfOtherModelsIsLeftOutButItsOwnRuntimeDoesNotCount() throws Exception {
    ModelDeployment md = vision();
    Deployment own = runtime("vision-a", "a", md.getMetadata().getUid());
    runtimes.onAdd(own);
    runtimes.onAdd(runtime("other-b", "b", "other-uid"));

    PlacementPlan plan =
        PlacementStage.plan(
            md, observation(List.of(own)), nodes, runtimes, 0, NOW, Fixtures.draft(md));

    assertThat(plan.placements()).extracting(Placement::node).containsExactly("a", "c");
  }

  @Test
  void aNodeFreedByAnotherModelsRuntimeGoingAwayCountsAgain() throws Exception {
    ModelDeployment md = vision();
    Deployment other = runtime("other-b", "b", "other-uid");
    runtimes.onAdd(other);
    runtimes.onAdd(runtime("other-c", "c", "other-uid"));
    PlacementPlan before =
        PlacementStage.plan(
            md, observation(List.of()), nodes, runtimes, 0, NOW, Fixtures.draft(md));

    runtimes.onDelete(other, false);
    PlacementPlan after =
        PlacementStage.plan(
            md, observation(List.of()), nodes, runtimes, 0, NOW, Fixtures.draft(md));

    assertThat(before.placements()).extracting(Placement::node).containsExactly("a");
    assertThat(before.summary()).isEqualTo("1/3 nodes fit: 2 too many models");
    assertThat(after.placements()).extracting(Placement::node).containsExactlyInAnyOrder("a", "b");
  }

  private static Observation observation(List<Deployment> own) {
    EdgeNodePool pool = new EdgeNodePool();
    pool.getMetadata().setName("factory");
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setNodeSelector(new LabelSelectorBuilder().addToMatchLabels("site", "factory").build());
    spec.setMaxModelsPerNode(1);
    pool.setSpec(spec);
    Map<String, EdgeNodePool> pools = Map.of("factory", pool);
    return new Observation(
        pools,
        pools,
        List.of(),
        NodesAndPods.of(List.of(node("a"), node("b"), node("c")), Map.of()),
        own,
        List.of(),
        List.of(),
        List.of());
  }

  private static Node node(String name) {
    return ClusterFixtures.readyNode(
        name, Map.of("site", "factory", "edgewise.dev/latency-ms", "10"));
  }

  private static Deployment runtime(String name, String node, String ownerUid) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels(WorkloadLabels.NODE, node)
        .addToLabels(WorkloadLabels.POOL, "factory")
        .addNewOwnerReference()
        .withUid(ownerUid)
        .endOwnerReference()
        .endMetadata()
        .build();
  }
}
