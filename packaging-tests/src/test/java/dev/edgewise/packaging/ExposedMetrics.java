package dev.edgewise.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The series the operator and the runtime really expose ({@code
 * config/monitoring/exposed-metrics.txt}, checked against real scrapes by the operator's and the
 * runtime's own tests), and a small reader of the PromQL the chart's dashboard and alerts hold:
 * which series and label keys an expression names.
 */
final class ExposedMetrics {

  /** Where a series comes from: the operator (ServiceMonitor) or a runtime pod (PodMonitor). */
  enum Source {
    OPERATOR,
    RUNTIME
  }

  /** One exposed series: where it comes from and its own label keys. */
  record Series(Source source, Set<String> labels) {}

  private static final Pattern SELECTOR =
      Pattern.compile("\\b(edgewise_[a-zA-Z0-9_]+)\\b(\\s*\\{([^}]*)\\})?");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

  private ExposedMetrics() {}

  static Path file() {
    return Chart.root().resolve("config/monitoring/exposed-metrics.txt");
  }

  /** The series of the list, by name. */
  static Map<String, Series> read() {
    Map<String, Series> series = new LinkedHashMap<>();
    List<String> lines;
    try {
      lines = Files.readAllLines(file());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String line : lines) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] words = trimmed.split("\\s+");
      Source source = Source.valueOf(words[0].toUpperCase(java.util.Locale.ROOT));
      Set<String> labels = new TreeSet<>(List.of(words).subList(2, words.length));
      if (series.put(words[1], new Series(source, labels)) != null) {
        throw new IllegalStateException(file() + " lists " + words[1] + " twice");
      }
    }
    return series;
  }

  /** One series an expression selects, with the label keys its matchers name. */
  record Selector(String name, Set<String> matcherLabels) {}

  /** Every {@code edgewise_*} series an expression selects. */
  static List<Selector> selectors(String expr) {
    List<Selector> found = new java.util.ArrayList<>();
    Matcher m = SELECTOR.matcher(expr);
    while (m.find()) {
      Set<String> labels = new TreeSet<>();
      if (m.group(3) != null) {
        Matcher matcher = MATCHER.matcher(m.group(3));
        while (matcher.find()) {
          labels.add(matcher.group(1));
        }
      }
      found.add(new Selector(m.group(1), labels));
    }
    return found;
  }

  /** The label keys an expression groups or matches by ({@code by (...)}, {@code on (...)}). */
  static Set<String> groupingLabels(String expr) {
    Set<String> labels = new TreeSet<>();
    Matcher m = GROUPING.matcher(expr);
    while (m.find()) {
      for (String label : m.group(1).split(",")) {
        if (!label.isBlank()) {
          labels.add(label.strip());
        }
      }
    }
    return labels;
  }
}
