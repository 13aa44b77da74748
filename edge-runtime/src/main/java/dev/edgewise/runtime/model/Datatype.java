package dev.edgewise.runtime.model;

import ai.djl.ndarray.types.DataType;
import java.util.Locale;

/**
 * The Open Inference Protocol v2 tensor datatypes this runtime serves, with their width in bytes
 * and the DJL {@link DataType} a tensor of that type is handed to the model as (never converted).
 * {@code BYTES} can be declared and parsed but no TorchScript tensor holds it.
 */
public enum Datatype {
  BOOL(1, DataType.BOOLEAN),
  UINT8(1, DataType.UINT8),
  INT8(1, DataType.INT8),
  INT16(2, DataType.INT16),
  INT32(4, DataType.INT32),
  INT64(8, DataType.INT64),
  FP16(2, DataType.FLOAT16),
  FP32(4, DataType.FLOAT32),
  FP64(8, DataType.FLOAT64),
  BYTES(0, DataType.STRING);

  private final int width;
  private final DataType djl;

  Datatype(int width, DataType djl) {
    this.width = width;
    this.djl = djl;
  }

  /** Bytes per element; 0 for {@code BYTES}, whose elements have their own lengths. */
  public int width() {
    return width;
  }

  /** The DJL type of a tensor of this datatype. */
  public DataType djl() {
    return djl;
  }

  /** Whether this is one of the integer types. */
  public boolean isInteger() {
    return this == UINT8 || this == INT8 || this == INT16 || this == INT32 || this == INT64;
  }

  /** Whether this is one of the floating point types. */
  public boolean isFloating() {
    return this == FP16 || this == FP32 || this == FP64;
  }

  /** The datatype named {@code name} (OIP spelling, case-insensitive), or null when unknown. */
  public static Datatype find(String name) {
    if (name == null) {
      return null;
    }
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The datatype named {@code name}.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code name} is not one
   */
  public static Datatype parse(String name) {
    Datatype d = find(name);
    if (d == null) {
      throw new IllegalArgumentException("unknown datatype '" + name + "'; use " + names());
    }
    return d;
  }

  /** The OIP datatype of a DJL type, or null when OIP has none this runtime serves. */
  public static Datatype of(DataType type) {
    for (Datatype d : values()) {
      if (d.djl == type) {
        return d;
      }
    }
    return null;
  }

  /** The accepted names, comma-separated. */
  public static String names() {
    StringBuilder b = new StringBuilder();
    for (Datatype d : values()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(d.name());
    }
    return b.toString();
  }
}
