package dev.edgewise.runtime.oip;

import java.nio.charset.StandardCharsets;

/**
 * Writes a float as JSON text that reads back as exactly the same float ({@code
 * Float.parseFloat(text)} has the same bits), without allocating. Values from 1e-3 to 1e7 take a
 * fast path: the value is scaled to a 7, 8 or 9 digit integer in double arithmetic and the
 * candidate is accepted only if dividing it back rounds to the same float (the division of two
 * exact doubles is correctly rounded, and a result lying exactly halfway between two floats is
 * refused, so the check is the same rounding {@code Float.parseFloat} does). Everything else, and
 * any value the check refuses, is written by {@link Float#toString(float)}. Not-finite values are
 * written as the JSON strings {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}, as Jackson
 * writes them.
 */
public final class FloatFormat {

  /** Most bytes one value takes ({@code Float.toString} of a negative subnormal, 15, or less). */
  public static final int MAX_LENGTH = 16;

  private static final double[] POW10 = new double[23];

  static {
    double p = 1;
    for (int i = 0; i < POW10.length; i++) {
      POW10[i] = p;
      p *= 10;
    }
  }

  private static final byte[] NAN = "\"NaN\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] POS_INF = "\"Infinity\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] NEG_INF = "\"-Infinity\"".getBytes(StandardCharsets.US_ASCII);

  private FloatFormat() {}

  /** Writes {@code v} into {@code out} at {@code pos}; returns the position after it. */
  public static int write(float v, byte[] out, int pos) {
    int bits = Float.floatToRawIntBits(v);
    if ((bits & 0x7f800000) == 0x7f800000) {
      byte[] text = Float.isNaN(v) ? NAN : bits < 0 ? NEG_INF : POS_INF;
      System.arraycopy(text, 0, out, pos, text.length);
      return pos + text.length;
    }
    float a = Math.abs(v);
    int p = pos;
    if (bits < 0) {
      out[p++] = '-';
    }
    if (a == 0f) {
      out[p++] = '0';
      out[p++] = '.';
      out[p++] = '0';
      return p;
    }
    if (a >= 1e-3f && a < 1e7f) {
      int end = fast(a, out, p);
      if (end > 0) {
        return end;
      }
    }
    String text = Float.toString(a);
    for (int i = 0; i < text.length(); i++) {
      out[p++] = (byte) text.charAt(i);
    }
    return p;
  }

  /** Writes {@code a} (1e-3 <= a < 1e7) in plain decimal, or returns -1 if no candidate passed. */
  private static int fast(float a, byte[] out, int pos) {
    double d = a;
    int e = -3; // 10^e <= a < 10^(e+1)
    while (e < 6 && d >= POW10[e + 4] / 1000) {
      e++;
    }
    for (int digits = 7; digits <= 9; digits++) {
      int k = Math.max(1, digits - 1 - e); // decimal places, at most 11
      long m = Math.round(d * POW10[k]);
      double back = m / POW10[k];
      if ((Double.doubleToRawLongBits(back) & 0x1FFFFFFFL) == 0x10000000L) {
        continue; // exactly halfway between two floats: rounding it again could differ
      }
      if ((float) back == a) {
        while (k > 1 && m % 10 == 0) {
          m /= 10;
          k--;
        }
        return decimal(m, k, out, pos);
      }
    }
    return -1;
  }

  /** Writes {@code m / 10^k} (k >= 1) as plain decimal digits. */
  private static int decimal(long m, int k, byte[] out, int pos) {
    int n = digitCount(m);
    int p = pos;
    if (n <= k) {
      out[p++] = '0';
      out[p++] = '.';
      for (int i = n; i < k; i++) {
        out[p++] = '0';
      }
      writeDigits(m, n, out, p);
      return p + n;
    }
    // n > k: integer part of n - k digits, then the point, then k digits.
    int end = p + n + 1;
    int q = end;
    for (int i = 0; i < k; i++) {
      out[--q] = (byte) ('0' + m % 10);
      m /= 10;
    }
    out[--q] = '.';
    writeDigits(m, n - k, out, p);
    return end;
  }

  private static void writeDigits(long m, int n, byte[] out, int pos) {
    for (int q = pos + n - 1; q >= pos; q--) {
      out[q] = (byte) ('0' + m % 10);
      m /= 10;
    }
  }

  private static int digitCount(long m) {
    int n = 1;
    long t = 10;
    while (n < 19 && m >= t) {
      n++;
      t *= 10;
    }
    return n;
  }
}
