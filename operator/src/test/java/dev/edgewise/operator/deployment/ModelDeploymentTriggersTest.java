package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelDeploymentTriggersTest {
  private final ModelDeployment placedOnA = placed("on-a", "edge-a");
  private final ModelDeployment placedOnB = placed("on-b", "edge-b");
  private final ModelDeployment waiting = waiting("waiting");
  private final ModelDeploymentTriggers triggers =
      new ModelDeploymentTriggers(() -> List.of(placedOnA, placedOnB, waiting).stream());

  @Test
  void aNodeConcernsWhatIsPlacedOnItAndWhatStillLooksForNodes() {
    assertThat(triggers.forNode(node("edge-a")))
        .containsExactlyInAnyOrder(id("on-a"), id("waiting"));
    assertThat(triggers.forNode(node("edge-z"))).containsExactly(id("waiting"));
  }

  @Test
  void aPodGivingCapacityBackConcernsWhatStillLooksForNodes() {
    assertThat(triggers.forPod(pod("edge-b", "on-b", false), true)).containsExactly(id("waiting"));
    assertThat(triggers.forPod(pod("edge-b", "on-b", true), true))
        .containsExactlyInAnyOrder(id("on-b"), id("waiting"));
  }

  @Test
  void aRuntimePodStartingConcernsNoOne() {
    assertThat(triggers.forPod(pod("edge-b", "on-b", false), false)).isEmpty();
    assertThat(triggers.forPod(pod(null, "on-b", false), false)).isEmpty();
  }

  @Test
  void aJobsPodConcernsItsOwnerBoundOrNot() {
    assertThat(triggers.forPod(pod("edge-b", "on-b", true), false)).containsExactly(id("on-b"));
    assertThat(triggers.forPod(pod(null, "on-b", true), false)).containsExactly(id("on-b"));
    assertThat(triggers.forPod(pod(null, null, true), false)).isEmpty();
  }

  @Test
  void aNewGenerationOrAPerNodePlacementLooksForNodes() {
    ModelDeployment changed = placed("changed", "edge-a");
    changed.getMetadata().setGeneration(4L);
    assertThat(ModelDeploymentTriggers.looksForNodes(changed)).isTrue();

    ModelDeployment everywhere = placed("everywhere", "edge-a");
    everywhere.getSpec().getPlacement().setReplicas(null);
    everywhere.getSpec().getPlacement().setPerNode(true);
    assertThat(ModelDeploymentTriggers.looksForNodes(everywhere)).isTrue();

    assertThat(ModelDeploymentTriggers.looksForNodes(placedOnA)).isFalse();
    assertThat(ModelDeploymentTriggers.looksForNodes(new ModelDeployment())).isTrue();
  }

  private static ModelDeployment placed(String name, String node) {
    ModelDeployment md = Fixtures.vision();
    md.getMetadata().setName(name);
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setObservedGeneration(md.getMetadata().getGeneration());
    status.getConditions().add(condition(Conditions.TRUE));
    PlacementStatus placement = new PlacementStatus();
    placement.setNode(node);
    status.getPlacements().add(placement);
    md.setStatus(status);
    return md;
  }

  private static ModelDeployment waiting(String name) {
    ModelDeployment md = placed(name, "edge-q");
    md.getStatus().getConditions().set(0, condition(Conditions.FALSE));
    return md;
  }

  private static Condition condition(String status) {
    return new ConditionBuilder()
        .withType(Conditions.PLACED)
        .withStatus(status)
        .withReason("Test")
        .build();
  }

  private static Node node(String name) {
    return new NodeBuilder().withNewMetadata().withName(name).endMetadata().build();
  }

  private static Pod pod(String node, String owner, boolean ofAJob) {
    Map<String, String> labels = new HashMap<>();
    if (owner != null) {
      labels.put(WorkloadLabels.MODEL_DEPLOYMENT, owner);
    }
    if (ofAJob) {
      labels.put("job-name", "train");
    }
    return new PodBuilder()
        .withNewMetadata()
        .withName("p")
        .withNamespace("factory")
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  private static ResourceID id(String name) {
    return new ResourceID(name, "factory");
  }
}
