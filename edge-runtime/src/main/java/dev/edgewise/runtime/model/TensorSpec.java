package dev.edgewise.runtime.model;

import java.util.Arrays;

/**
 * What a model declares about one input or output tensor: its name, datatype and shape, where
 * {@code -1} is a dimension of any size (dimension 0 is usually the batch).
 *
 * @param name the tensor's name in requests and responses
 * @param datatype the datatype requests must send and responses carry
 * @param shape the dimensions, {@code -1} for a variable one
 * @param fill for inputs, the value the warm-up tensor is filled with (0 unless the model needs
 *     another, such as a sampling rate)
 */
public record TensorSpec(String name, Datatype datatype, long[] shape, double fill) {

  /** Size given to a variable dimension other than the batch in warm-up tensors. */
  public static final long WARM_UP_DIMENSION = 8;

  /** Checks the declaration. */
  public TensorSpec {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a tensor needs a name");
    }
    if (datatype == null) {
      throw new IllegalArgumentException("tensor '" + name + "' needs a datatype");
    }
    if (shape == null) {
      throw new IllegalArgumentException("tensor '" + name + "' needs a shape");
    }
    for (long d : shape) {
      if (d < -1) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has dimension " + d + " in " + Arrays.toString(shape));
      }
    }
    shape = shape.clone();
  }

  /** A tensor filled with zeros in warm-up passes. */
  public TensorSpec(String name, Datatype datatype, long[] shape) {
    this(name, datatype, shape, 0);
  }

  /** Whether {@code actual} has this rank and agrees with every fixed dimension. */
  public boolean accepts(long[] actual) {
    if (actual == null || actual.length != shape.length) {
      return false;
    }
    for (int i = 0; i < shape.length; i++) {
      if (actual[i] < 0 || (shape[i] != -1 && shape[i] != actual[i])) {
        return false;
      }
    }
    return true;
  }

  /** Whether dimension 0 is variable, so requests can be stacked along it. */
  public boolean batched() {
    return shape.length > 0 && shape[0] == -1;
  }

  /**
   * Elements in one row (a slice along dimension 0), or -1 when another dimension is variable; for
   * a rank-0 tensor, 1.
   */
  public long elementsPerRow() {
    long n = 1;
    for (int i = 1; i < shape.length; i++) {
      if (shape[i] == -1) {
        return -1;
      }
      n *= shape[i];
    }
    return n;
  }

  /** The shape of a warm-up tensor of {@code rows} rows. */
  public long[] warmUpShape(long rows) {
    long[] s = shape.clone();
    for (int i = 0; i < s.length; i++) {
      if (s[i] == -1) {
        s[i] = i == 0 ? rows : WARM_UP_DIMENSION;
      }
    }
    return s;
  }

  /** Like {@code FP32 [-1, 64]}. */
  public String describe() {
    return datatype + " " + Arrays.toString(shape);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TensorSpec t
        && name.equals(t.name)
        && datatype == t.datatype
        && Arrays.equals(shape, t.shape)
        && Double.compare(fill, t.fill) == 0;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + Arrays.hashCode(shape);
  }

  @Override
  public String toString() {
    return name + ": " + describe();
  }
}
