package dev.edgewise.runtime.compress;

/**
 * A model parameter by name: its shape and float values in row-major order.
 *
 * @param name parameter name as the model reports it
 * @param shape dimensions
 * @param values the values
 */
public record NamedTensor(String name, long[] shape, float[] values) {

  /** Output channels: the first dimension, or 1 for scalars. */
  public int channels() {
    return shape.length == 0 ? 1 : (int) shape[0];
  }

  /** Whether this is a weight matrix or kernel (rank >= 2) rather than a bias or scale. */
  public boolean isWeight() {
    return shape.length >= 2;
  }
}
