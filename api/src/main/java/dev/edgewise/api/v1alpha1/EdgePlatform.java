package dev.edgewise.api.v1alpha1;

/** The edge framework that attaches a pool's nodes, which decides tolerations and affinity. */
public enum EdgePlatform {
  /** KubeEdge: nodes labelled {@code node-role.kubernetes.io/edge}, often tainted NoSchedule. */
  KubeEdge,
  /** OpenYurt: nodes labelled {@code openyurt.io/is-edge-worker=true}. */
  OpenYurt,
  /** Plain cloud nodes; no edge tolerations. */
  None
}
