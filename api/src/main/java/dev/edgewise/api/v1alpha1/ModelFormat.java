package dev.edgewise.api.v1alpha1;

/** The serialization of a model artifact, both loaded by DJL's PyTorch engine. */
public enum ModelFormat {
  /** A TorchScript module ({@code .pt}). */
  TorchScript,
  /** A DJL model directory or archive ({@code .params} with its block definition). */
  DJL
}
