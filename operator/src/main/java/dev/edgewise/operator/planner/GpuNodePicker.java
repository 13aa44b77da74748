package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.TrainingSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Picks the node for a training Job: Ready, not an edge node unless the spec allows it, with a GPU,
 * taints tolerated by the training Job ({@code nvidia.com/gpu:NoSchedule}), the wanted GPU product
 * and memory, and enough free {@code nvidia.com/gpu}. Among fitting nodes it prefers the fewest
 * free GPUs (to keep big nodes free for big Jobs), then the node name. Pure.
 */
public final class GpuNodePicker {
  /** The toleration every training Job carries. */
  public static final Toleration GPU_TOLERATION =
      Tolerations.exists(ResourceQuantities.GPU, Tolerations.NO_SCHEDULE);

  private GpuNodePicker() {}

  /** The node the training Job should run on, or the reasons none fits. */
  public static GpuChoice pick(TrainingSpec training, List<NodeView> nodes) {
    Map<String, GpuRejection> rejections = new LinkedHashMap<>();
    List<NodeView> fitting = new ArrayList<>();
    for (NodeView node : nodes) {
      GpuRejection rejection = check(training, node);
      if (rejection == null) {
        fitting.add(node);
      } else {
        rejections.put(node.name(), rejection);
      }
    }
    NodeView chosen =
        fitting.stream()
            .min(Comparator.comparingLong(NodeView::gpusFree).thenComparing(NodeView::name))
            .orElse(null);
    return new GpuChoice(chosen, rejections, summary(fitting.size(), nodes.size(), rejections));
  }

  /** The first reason the node cannot run the Job, or null when it can. */
  static GpuRejection check(TrainingSpec training, NodeView node) {
    int gpus = training.getGpus() == null ? 1 : training.getGpus();
    if (!node.ready()) {
      return GpuRejection.NOT_READY;
    }
    if (node.isEdge() && !Boolean.TRUE.equals(training.getAllowEdgeNodes())) {
      return GpuRejection.EDGE_NODE;
    }
    if (node.gpusAllocatable() <= 0) {
      return GpuRejection.NO_GPU;
    }
    if (!Tolerations.allowed(node.taints(), List.of(GPU_TOLERATION), false)) {
      return GpuRejection.UNTOLERATED_TAINT;
    }
    if (training.getGpuProduct() != null && !training.getGpuProduct().equals(node.gpuProduct())) {
      return GpuRejection.WRONG_GPU_PRODUCT;
    }
    if (training.getMinGpuMemoryMiB() != null
        && (node.gpuMemoryMiB() == null || node.gpuMemoryMiB() < training.getMinGpuMemoryMiB())) {
      return GpuRejection.INSUFFICIENT_GPU_MEMORY;
    }
    if (node.gpusFree() < gpus) {
      return GpuRejection.INSUFFICIENT_GPUS;
    }
    return null;
  }

  private static String summary(int fitting, int total, Map<String, GpuRejection> rejections) {
    String head = fitting + "/" + total + " nodes fit";
    if (rejections.isEmpty()) {
      return head;
    }
    Map<GpuRejection, Long> counts = new EnumMap<>(GpuRejection.class);
    rejections.values().forEach(rejection -> counts.merge(rejection, 1L, Long::sum));
    return head
        + ": "
        + counts.entrySet().stream()
            .sorted(
                Map.Entry.<GpuRejection, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .map(entry -> entry.getValue() + " " + entry.getKey().text())
            .collect(Collectors.joining(", "));
  }
}
