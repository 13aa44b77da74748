package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.ResponseTimeModel;

/**
 * The cloud-edge response-time model: estimated response in ms = model cost / node speed + latency
 * + artifact bits / node bandwidth.
 *
 * @param modelCostMflop cost of one inference in MFLOP
 * @param speedLabel node label with the node's speed in MFLOP per millisecond
 * @param bandwidthLabel node label with the node's download bandwidth in Mbit/s
 */
public record ResponseTimeScoring(double modelCostMflop, String speedLabel, String bandwidthLabel) {
  public static final String DEFAULT_SPEED_LABEL = "edgewise.dev/speed-mflops";
  public static final String DEFAULT_BANDWIDTH_LABEL = "edgewise.dev/bandwidth-mbps";

  /** The scoring the spec switches on, or null when it is off. */
  public static ResponseTimeScoring from(ResponseTimeModel model) {
    if (model == null || !Boolean.TRUE.equals(model.getEnabled())) {
      return null;
    }
    return new ResponseTimeScoring(
        model.getModelCostMflop() == null ? 0 : model.getModelCostMflop(),
        model.getSpeedLabel() == null ? DEFAULT_SPEED_LABEL : model.getSpeedLabel(),
        model.getBandwidthLabel() == null ? DEFAULT_BANDWIDTH_LABEL : model.getBandwidthLabel());
  }

  /**
   * Estimated response time on the node in milliseconds, or null when the node lacks the speed or
   * bandwidth label (it then scores lowest).
   */
  public Double estimateMs(NodeView node, long artifactBytes) {
    Double speed = NodeLabels.decimal(node.labels(), speedLabel);
    Double bandwidthMbps = NodeLabels.decimal(node.labels(), bandwidthLabel);
    if (speed == null || speed <= 0 || bandwidthMbps == null || bandwidthMbps <= 0) {
      return null;
    }
    double latency = node.latencyMs() == null ? 0 : node.latencyMs();
    return modelCostMflop / speed + latency + artifactBytes * 8.0 / (bandwidthMbps * 1000.0);
  }
}
