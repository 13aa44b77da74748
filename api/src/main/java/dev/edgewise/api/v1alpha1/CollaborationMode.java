package dev.edgewise.api.v1alpha1;

/** Whether edge runtimes answer alone or with the cloud's help. */
public enum CollaborationMode {
  /** The edge answers every request. */
  EdgeOnly,
  /** Below the confidence threshold the edge asks the full model in the cloud. */
  JointInference
}
