package dev.edgewise.e2e.scale;

import java.util.Map;
import java.util.TreeMap;

/** How many requests of one kind (verb and resource), and the answers other than 2xx by code. */
final class RequestCounts {
  private long total;
  private final Map<String, Long> refused = new TreeMap<>();

  void add(String code, long count) {
    total += count;
    if (!code.startsWith("2")) {
      refused.merge(code, count, Long::sum);
    }
  }

  long total() {
    return total;
  }

  /** These counts less {@code before}'s. */
  RequestCounts minus(RequestCounts before) {
    RequestCounts delta = new RequestCounts();
    delta.total = total - before.total;
    refused.forEach(
        (code, count) -> {
          long d = count - before.refused.getOrDefault(code, 0L);
          if (d != 0) {
            delta.refused.put(code, d);
          }
        });
    return delta;
  }

  /** {@code 65} or, with refusals, {@code 65 (409: 17)}. */
  @Override
  public String toString() {
    if (refused.isEmpty()) {
      return String.valueOf(total);
    }
    StringBuilder text = new StringBuilder().append(total).append(" (");
    refused.forEach((code, count) -> text.append(code).append(": ").append(count).append(", "));
    text.setLength(text.length() - 2);
    return text.append(')').toString();
  }
}
