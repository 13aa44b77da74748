package dev.edgewise.operator.planner;

import static dev.edgewise.operator.planner.TestNodes.node;
import static dev.edgewise.operator.planner.TestNodes.taint;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.TrainingSpec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Choosing the GPU node of a training Job, and explaining when none fits. */
class GpuNodePickerTest {

  static TrainingSpec training(int gpus) {
    TrainingSpec spec = new TrainingSpec();
    spec.setImage("trainer:1");
    spec.setOutputUri("pvc://models/out");
    spec.setGpus(gpus);
    return spec;
  }

  @Test
  void prefersTheFewestFreeGpusThatFitThenTheName() {
    List<NodeView> nodes =
        List.of(
            node("big").gpus(8, 8, "A100", 81920L).build(),
            node("b-small").gpus(2, 2, "T4", 15360L).build(),
            node("a-small").gpus(4, 2, "T4", 15360L).build(),
            node("too-small").gpus(1, 1, "T4", 15360L).build());

    GpuChoice choice = GpuNodePicker.pick(training(2), nodes);

    assertThat(choice.found()).isTrue();
    assertThat(choice.nodeName()).contains("a-small");
    assertThat(choice.summary()).isEqualTo("3/4 nodes fit: 1 insufficient nvidia.com/gpu");
  }

  @Test
  void explainsWhyNoNodeFits() {
    List<NodeView> nodes =
        List.of(
            node("cpu-only").build(),
            node("busy-1").gpus(2, 0, "T4", 15360L).build(),
            node("busy-2").gpus(4, 1, "T4", 15360L).build());

    GpuChoice choice = GpuNodePicker.pick(training(2), nodes);

    assertThat(choice.found()).isFalse();
    assertThat(choice.nodeName()).isEmpty();
    assertThat(choice.summary())
        .isEqualTo("0/3 nodes fit: 2 insufficient nvidia.com/gpu, 1 no GPU");
    assertThat(choice.rejections()).containsEntry("cpu-only", GpuRejection.NO_GPU);
  }

  @Test
  void appliesProductAndMemoryConstraints() {
    TrainingSpec spec = training(1);
    spec.setGpuProduct("A100");
    spec.setMinGpuMemoryMiB(40000);
    List<NodeView> nodes =
        List.of(
            node("t4").gpus(1, 1, "T4", 15360L).build(),
            node("a100-40").gpus(1, 1, "A100", 40960L).build(),
            node("a100-unlabelled").gpus(1, 1, "A100", null).build());

    GpuChoice choice = GpuNodePicker.pick(spec, nodes);

    assertThat(choice.nodeName()).contains("a100-40");
    assertThat(choice.rejections())
        .containsEntry("t4", GpuRejection.WRONG_GPU_PRODUCT)
        .containsEntry("a100-unlabelled", GpuRejection.INSUFFICIENT_GPU_MEMORY);
  }

  @Test
  void avoidsEdgeNodesUnlessAllowedAndNotReadyNodes() {
    NodeView edge = node("jetson").kubeEdge().gpus(1, 1, "Orin", 8192L).build();
    NodeView down = node("down").notReadySince(Instant.EPOCH).gpus(1, 1, "T4", 15360L).build();
    TrainingSpec spec = training(1);

    assertThat(GpuNodePicker.pick(spec, List.of(edge, down)).rejections())
        .containsEntry("jetson", GpuRejection.EDGE_NODE)
        .containsEntry("down", GpuRejection.NOT_READY);

    spec.setAllowEdgeNodes(true);
    GpuChoice allowed = GpuNodePicker.pick(spec, List.of(edge));
    assertThat(allowed.nodeName()).isEmpty();
    assertThat(allowed.rejections()).containsEntry("jetson", GpuRejection.UNTOLERATED_TAINT);
  }

  @Test
  void toleratesTheGpuTaintButNotOthers() {
    NodeView gpuTainted =
        node("gpu")
            .gpus(1, 1, "T4", 15360L)
            .taint(taint("nvidia.com/gpu", "present", "NoSchedule"))
            .build();
    NodeView reserved =
        node("reserved").gpus(1, 1, "T4", 15360L).taint(taint("team", "ml", "NoSchedule")).build();

    GpuChoice choice = GpuNodePicker.pick(training(1), List.of(gpuTainted, reserved));

    assertThat(choice.nodeName()).contains("gpu");
    assertThat(choice.rejections()).containsEntry("reserved", GpuRejection.UNTOLERATED_TAINT);
  }
}
