package dev.edgewise.runtime.compress;

/**
 * Symmetric per-output-channel int8 quantization: each channel (a slice along the first dimension)
 * gets its own scale {@code max|w| / 127}, and {@code q = round(w / scale)} in {@code [-127, 127]}.
 */
public final class Int8Quantizer {

  private Int8Quantizer() {}

  /**
   * A quantized tensor.
   *
   * @param values one int8 per element
   * @param scales one scale per channel
   */
  public record Quantized(byte[] values, float[] scales) {}

  /** Quantizes {@code w}, split into {@code channels} equal consecutive channels. */
  public static Quantized quantize(float[] w, int channels) {
    int per = perChannel(w.length, channels);
    byte[] q = new byte[w.length];
    float[] scales = new float[channels];
    for (int c = 0; c < channels; c++) {
      float max = 0;
      for (int i = c * per; i < (c + 1) * per; i++) {
        max = Math.max(max, Math.abs(w[i]));
      }
      float scale = max / 127f;
      scales[c] = scale;
      for (int i = c * per; i < (c + 1) * per; i++) {
        int v = scale == 0 ? 0 : Math.round(w[i] / scale);
        q[i] = (byte) Math.max(-127, Math.min(127, v));
      }
    }
    return new Quantized(q, scales);
  }

  /** Reconstructs floats: {@code w = q * scale} of its channel. */
  public static float[] dequantize(Quantized q) {
    int channels = q.scales().length;
    int per = perChannel(q.values().length, channels);
    float[] w = new float[q.values().length];
    for (int i = 0; i < w.length; i++) {
      w[i] = q.values()[i] * q.scales()[i / per];
    }
    return w;
  }

  static int perChannel(int length, int channels) {
    if (channels <= 0 || length % channels != 0) {
      throw new IllegalArgumentException(
          length + " values cannot be split into " + channels + " equal channels");
    }
    return length / channels;
  }
}
