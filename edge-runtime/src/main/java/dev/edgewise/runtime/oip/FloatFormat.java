package dev.edgewise.runtime.oip;

import java.nio.charset.StandardCharsets;

/**
 * Writes a float as JSON text that reads back as exactly the same float ({@code
 * Float.parseFloat(text)} has the same bits), without allocating. Values from 1e-3 to 1e7 take a
 * fast path: the value is rounded to 7, 8 or 9 significant digits, the first candidate whose
 * decimal lies inside the value's rounding interval is written, and both steps are exact integer
 * arithmetic (no division). Everything else, and any value no candidate fits, is written by {@link
 * Float#toString(float)}. Not-finite values are written as the JSON strings {@code "NaN"}, {@code
 * "Infinity"} and {@code "-Infinity"}, as Jackson writes them.
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

  /**
   * {@code DECADE[x + 3]}: 10^x for x from -3 to 7, as the double the decade loop compares with.
   */
  private static final double[] DECADE = new double[11];

  private static final long[] LONG_POW10 = new long[12];
  private static final int[] INT_POW10 = new int[10];

  /** "00" to "99", two ASCII digits each. */
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int x = -3; x <= 7; x++) {
      DECADE[x + 3] = POW10[x + 3] / 1000;
    }
    long p10 = 1;
    for (int i = 0; i < LONG_POW10.length; i++) {
      LONG_POW10[i] = p10;
      if (i < INT_POW10.length) {
        INT_POW10[i] = (int) p10;
      }
      p10 *= 10;
    }
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
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

  /**
   * Writes {@code a} (1e-3 <= a < 1e7) in plain decimal, or returns -1 if no candidate passed.
   *
   * <p>In integers only: {@code a} is M / 2^s exactly (M its 24-bit significand, 0 <= s <= 33), the
   * candidate with k decimals is m = round(M * 10^k / 2^s), and m / 10^k reads back as {@code a}
   * when it lies inside a's rounding interval, (4M - 2) / 2^(s+2) to (4M + 2) / 2^(s+2) (from 4M -
   * 1 at the bottom of a binade, where the float below is nearer), its ends included when M is even
   * (ties go to the even significand). Compared after multiplying through by 10^k * 2^(s+2), every
   * term stays under 2^63.
   */
  private static int fast(float a, byte[] out, int pos) {
    int bits = Float.floatToRawIntBits(a);
    long significand = (bits & 0x7FFFFF) | 0x800000L;
    int s = 150 - (bits >>> 23);
    boolean binadeBottom = (bits & 0x7FFFFF) == 0;
    boolean even = (significand & 1) == 0;
    int e = decade(a);
    for (int digits = 7; digits <= 9; digits++) {
      int k = Math.max(1, digits - 1 - e); // decimal places, at most 11
      long scaled = significand * LONG_POW10[k]; // a * 10^k * 2^s
      long m = s == 0 ? scaled : (scaled + (1L << (s - 1))) >>> s; // rounded half up
      long candidate = m << (s + 2);
      long high = (4 * significand + 2) * LONG_POW10[k];
      long low = (binadeBottom ? 4 * significand - 1 : 4 * significand - 2) * LONG_POW10[k];
      if (even ? candidate >= low && candidate <= high : candidate > low && candidate < high) {
        while (k > 1 && m % 10 == 0) {
          m /= 10;
          k--;
        }
        return decimal((int) m, k, out, pos);
      }
    }
    return -1;
  }

  /** The largest e in [-3, 6] with 10^e <= a (a >= 1e-3), as the decade loop before it found. */
  private static int decade(float a) {
    double d = a;
    int e = -3;
    while (e < 6 && d >= DECADE[e + 4]) {
      e++;
    }
    return e;
  }

  /** Writes {@code m / 10^k} (k >= 1, m < 10^9) as plain decimal digits. */
  private static int decimal(int m, int k, byte[] out, int pos) {
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
    int scale = INT_POW10[k];
    writeDigits(m / scale, n - k, out, p);
    out[p + n - k] = '.';
    writeDigits(m % scale, k, out, p + n - k + 1);
    return p + n + 1;
  }

  /** Writes exactly {@code n} digits of {@code m}, zero-padded, at {@code pos}; two at a time. */
  private static void writeDigits(int m, int n, byte[] out, int pos) {
    int q = pos + n;
    while (q - pos >= 2) {
      int r = m % 100;
      m /= 100;
      out[--q] = DIGIT_PAIRS[2 * r + 1];
      out[--q] = DIGIT_PAIRS[2 * r];
    }
    if (q > pos) {
      out[--q] = (byte) ('0' + m % 10);
    }
  }

  private static int digitCount(int m) {
    int n = 1;
    while (n < INT_POW10.length && m >= INT_POW10[n]) {
      n++;
    }
    return n;
  }
}
