package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The response float formatter: every finite value reads back bit for bit, and is JSON. */
class FloatFormatTest {

  /** A JSON number (RFC 8259). */
  private static final Pattern JSON_NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private final byte[] buf = new byte[64];

  private String text(float v) {
    // Written in the middle of the array, as into a response.
    int end = FloatFormat.write(v, buf, 5);
    assertThat(end - 5).isLessThanOrEqualTo(FloatFormat.MAX_LENGTH);
    return new String(buf, 5, end - 5, StandardCharsets.US_ASCII);
  }

  private void assertRoundTrips(float v) {
    String t = text(v);
    assertThat(JSON_NUMBER.matcher(t).matches()).as("JSON number: %s for %s", t, v).isTrue();
    assertThat(Float.floatToRawIntBits(Float.parseFloat(t)))
        .as("%s written as %s", v, t)
        .isEqualTo(Float.floatToRawIntBits(v));
  }

  @Test
  void randomBitPatternsRoundTrip() {
    Random random = new Random(11);
    for (int i = 0; i < 300_000; i++) {
      float v = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(v)) {
        assertRoundTrips(v);
      }
    }
  }

  @Test
  void fastPathRangeRoundTripsDensely() {
    // Every 997th float from 1e-3 to 1e7, the range written without Float.toString, plus its edges.
    int from = Float.floatToRawIntBits(5e-4f);
    int to = Float.floatToRawIntBits(2e7f);
    for (int bits = from; bits <= to; bits += 997) {
      assertRoundTrips(Float.intBitsToFloat(bits));
      assertRoundTrips(-Float.intBitsToFloat(bits));
    }
    for (float edge : new float[] {1e-3f, 1e7f, 0.1f, 0.2f, 0.3f, 1f, 10f, 100f, 9999999f}) {
      int b = Float.floatToRawIntBits(edge);
      for (int d = -3; d <= 3; d++) {
        assertRoundTrips(Float.intBitsToFloat(b + d));
      }
    }
  }

  @Test
  void typicalOutputsRoundTripAndAreShort() {
    Random random = new Random(3);
    for (int i = 0; i < 200_000; i++) {
      float v = (float) (random.nextGaussian() * 8);
      assertRoundTrips(v);
      if (Math.abs(v) >= 1e-3f) {
        assertThat(text(v)).doesNotContain("E");
      }
    }
    assertThat(text(0.5f)).isEqualTo("0.5");
    assertThat(text(-2f)).isEqualTo("-2.0");
    assertThat(text(1.25f)).isEqualTo("1.25");
    assertThat(text(0.001f)).isEqualTo("0.001");
    assertThat(text(123456.7f)).isEqualTo("123456.7");
  }

  @Test
  void subnormalsExtremesAndZerosRoundTrip() {
    for (int bits = 1; bits < 0x00800000; bits += 1013) {
      assertRoundTrips(Float.intBitsToFloat(bits));
      assertRoundTrips(-Float.intBitsToFloat(bits));
    }
    for (float v :
        new float[] {
          Float.MIN_VALUE,
          -Float.MIN_VALUE,
          Float.MIN_NORMAL,
          Float.MAX_VALUE,
          -Float.MAX_VALUE,
          1e-30f,
          3.4e38f,
          1e10f,
          1e-10f
        }) {
      assertRoundTrips(v);
    }
    assertThat(text(0f)).isEqualTo("0.0");
    assertThat(text(-0f)).isEqualTo("-0.0");
    assertRoundTrips(-0f);
  }

  @Test
  void notFiniteValuesAreStringsAsJacksonWritesThem() {
    assertThat(text(Float.NaN)).isEqualTo("\"NaN\"");
    assertThat(text(Float.intBitsToFloat(0x7fc00001))).isEqualTo("\"NaN\"");
    assertThat(text(Float.POSITIVE_INFINITY)).isEqualTo("\"Infinity\"");
    assertThat(text(Float.NEGATIVE_INFINITY)).isEqualTo("\"-Infinity\"");
  }

  /**
   * The fast path's rule, computed in BigDecimal: the first of the 7, 8 and 9 digit roundings (half
   * up, at least one decimal) that reads back as the value, without trailing zeros.
   */
  private static String expectedPlain(float v) {
    java.math.BigDecimal exact = new java.math.BigDecimal(v);
    int e = exact.precision() - exact.scale() - 1; // 10^e <= v < 10^(e+1)
    for (int digits = 7; digits <= 9; digits++) {
      int k = Math.max(1, digits - 1 - e);
      java.math.BigDecimal candidate = exact.setScale(k, java.math.RoundingMode.HALF_UP);
      if (Float.parseFloat(candidate.toPlainString()) == v) {
        java.math.BigDecimal shorter = candidate.stripTrailingZeros();
        return (shorter.scale() < 1 ? candidate.setScale(1) : shorter).toPlainString();
      }
    }
    return null;
  }

  @Test
  void fastPathWritesTheFirstRoundingThatReadsBack() {
    Random random = new Random(5);
    int lo = Float.floatToRawIntBits(1e-3f);
    int hi = Float.floatToRawIntBits(1e7f);
    for (int i = 0; i < 200_000; i++) {
      float v =
          i % 4 == 0
              ? Float.intBitsToFloat(lo + random.nextInt(hi - lo))
              : i % 4 == 1
                  ? Float.intBitsToFloat((random.nextInt(34) + 117) << 23) // binade bottoms
                  : Math.abs((float) (random.nextGaussian() * 8));
      if (v < 1e-3f || v >= 1e7f) {
        continue;
      }
      String expected = expectedPlain(v);
      if (expected != null) {
        assertThat(text(v)).as("%s", v).isEqualTo(expected);
        assertThat(text(-v)).isEqualTo("-" + expected);
      }
    }
  }
}
