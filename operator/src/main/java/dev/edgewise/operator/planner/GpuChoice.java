package dev.edgewise.operator.planner;

import java.util.Map;
import java.util.Optional;

/**
 * The node a training Job runs on, or why none fits.
 *
 * @param node the chosen node, or null when none fits
 * @param rejections each rejected node with its first failing reason
 * @param summary one line such as {@code 0/3 nodes fit: 1 no GPU, 2 insufficient nvidia.com/gpu}
 */
public record GpuChoice(NodeView node, Map<String, GpuRejection> rejections, String summary) {
  /** Copies the rejections. */
  public GpuChoice {
    rejections = Map.copyOf(rejections);
  }

  /** Whether a node fits. */
  public boolean found() {
    return node != null;
  }

  /** Name of the chosen node, if any. */
  public Optional<String> nodeName() {
    return Optional.ofNullable(node).map(NodeView::name);
  }
}
