package dev.edgewise.api.v1alpha1;

/** How an artifact is made smaller for the edge. */
public enum CompressionMethod {
  /** Serve the artifact as it is. */
  None,
  /** Per-output-channel symmetric int8 weight quantization. */
  Int8,
  /** Half-precision weights. */
  Float16,
  /** Magnitude pruning to the given sparsity. */
  Prune,
  /** Magnitude pruning followed by int8 quantization. */
  PruneInt8
}
