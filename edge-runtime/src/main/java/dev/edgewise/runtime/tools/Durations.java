package dev.edgewise.runtime.tools;

import java.time.Duration;

/** Parses durations written as {@code 500ms}, {@code 10s}, {@code 2m} or ISO-8601. */
final class Durations {

  private Durations() {}

  static Duration parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      return Duration.parse(text.trim());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid duration '" + text + "'; use e.g. 500ms, 10s, 2m");
    }
  }
}
