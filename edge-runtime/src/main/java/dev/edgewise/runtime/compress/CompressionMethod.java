package dev.edgewise.runtime.compress;

import java.util.Locale;

/** How weights are compressed. */
public enum CompressionMethod {
  /** Per-output-channel symmetric int8 weights, float32 biases. */
  Int8,
  /** Every tensor in IEEE half precision. */
  Float16,
  /** Magnitude pruning; surviving weights stored sparse as float32. */
  Prune,
  /** Magnitude pruning, then per-output-channel int8 on the surviving weights, stored sparse. */
  PruneInt8;

  /** Parses a method name case-insensitively, naming the accepted values on failure. */
  public static CompressionMethod parse(String text) {
    for (CompressionMethod m : values()) {
      if (m.name().toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown compression method '" + text + "'; use Int8, Float16, Prune or PruneInt8");
  }

  /** Whether this method prunes. */
  public boolean prunes() {
    return this == Prune || this == PruneInt8;
  }
}
