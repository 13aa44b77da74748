package dev.edgewise.operator.planner;

/** The first reason a node cannot run a training Job, in the order the picker checks them. */
public enum GpuRejection {
  NOT_READY("not ready"),
  EDGE_NODE("edge node"),
  NO_GPU("no GPU"),
  UNTOLERATED_TAINT("untolerated taint"),
  WRONG_GPU_PRODUCT("other GPU product"),
  INSUFFICIENT_GPU_MEMORY("insufficient GPU memory"),
  INSUFFICIENT_GPUS("insufficient nvidia.com/gpu");

  private final String text;

  GpuRejection(String text) {
    this.text = text;
  }

  /** The reason in words, such as {@code insufficient nvidia.com/gpu}. */
  public String text() {
    return text;
  }
}
