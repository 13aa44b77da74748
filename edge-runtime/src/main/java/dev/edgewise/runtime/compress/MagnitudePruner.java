package dev.edgewise.runtime.compress;

import java.util.Arrays;

/** Magnitude pruning: zeroes the given fraction of a tensor's values with the smallest |w|. */
public final class MagnitudePruner {

  private MagnitudePruner() {}

  /**
   * Returns a copy of {@code w} with {@code floor(sparsity * n)} smallest-magnitude values zeroed.
   */
  public static float[] prune(float[] w, double sparsity) {
    if (sparsity < 0 || sparsity >= 1 || Double.isNaN(sparsity)) {
      throw new IllegalArgumentException("sparsity must be in [0, 1), got " + sparsity);
    }
    int k = (int) Math.floor(sparsity * w.length);
    float[] out = w.clone();
    if (k == 0) {
      return out;
    }
    float[] mags = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      mags[i] = Math.abs(w[i]);
    }
    Arrays.sort(mags);
    float threshold = mags[k - 1];
    int below = 0;
    for (float m : mags) {
      if (m < threshold) {
        below++;
      }
    }
    int tiesToZero = k - below;
    for (int i = 0; i < out.length; i++) {
      float m = Math.abs(out[i]);
      if (m < threshold) {
        out[i] = 0;
      } else if (m == threshold && tiesToZero > 0) {
        out[i] = 0;
        tiesToZero--;
      }
    }
    return out;
  }
}
