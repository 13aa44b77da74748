package dev.edgewise.sandbox.admission;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/** Renders values the way kube-apiserver's Go code prints them in error messages. */
final class GoValues {
  private GoValues() {}

  /**
   * A value as Go's {@code %v} (numbers, booleans) or {@code %q} (strings) shows it; no value at
   * all (Go's nil) as {@code null}.
   */
  static String render(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return number(((Number) value).doubleValue());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
      return quote(value.toString());
    }
    return quote(String.valueOf(value));
  }

  /** A number as Go's {@code %v} prints a float64: {@code 1} rather than {@code 1.0}. */
  static String number(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** A string in double quotes with Go's escapes. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
