package dev.edgewise.api.v1alpha1;

/** Tensor element types of the Open Inference Protocol v2 that Edgewise serves. */
public enum TensorDatatype {
  FP32,
  FP64,
  INT32,
  INT64
}
