package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import java.util.Map;
import java.util.regex.Pattern;

/** Well-known node label keys and the small parsers that read them. */
public final class NodeLabels {
  public static final String KUBEEDGE_EDGE = "node-role.kubernetes.io/edge";
  public static final String KUBEEDGE_AGENT = "node-role.kubernetes.io/agent";
  public static final String OPENYURT_EDGE_WORKER = "openyurt.io/is-edge-worker";
  public static final String ZONE = "topology.kubernetes.io/zone";
  public static final String ARCH = "kubernetes.io/arch";
  public static final String HOSTNAME = "kubernetes.io/hostname";
  public static final String GPU_PRODUCT = "nvidia.com/gpu.product";
  public static final String GPU_MEMORY = "nvidia.com/gpu.memory";
  public static final String DEFAULT_LATENCY = "edgewise.dev/latency-ms";

  private static final Pattern DECIMAL = Pattern.compile("^[0-9]{1,15}(\\.[0-9]{1,9})?$");
  private static final Pattern INTEGER = Pattern.compile("^[0-9]{1,15}$");

  private NodeLabels() {}

  /** The edge framework attaching a node with these labels; {@code None} for cloud nodes. */
  public static EdgePlatform platformOf(Map<String, String> labels) {
    if (labels.containsKey(KUBEEDGE_EDGE) || labels.containsKey(KUBEEDGE_AGENT)) {
      return EdgePlatform.KubeEdge;
    }
    if ("true".equals(labels.get(OPENYURT_EDGE_WORKER))) {
      return EdgePlatform.OpenYurt;
    }
    return EdgePlatform.None;
  }

  /** A non-negative decimal label value, or null when the label is missing or not a number. */
  public static Double decimal(Map<String, String> labels, String key) {
    String value = key == null ? null : labels.get(key);
    return value != null && DECIMAL.matcher(value).matches() ? Double.valueOf(value) : null;
  }

  /** A non-negative integer label value, or null when the label is missing or not an integer. */
  public static Long integer(Map<String, String> labels, String key) {
    String value = labels.get(key);
    return value != null && INTEGER.matcher(value).matches() ? Long.valueOf(value) : null;
  }
}
