package dev.edgewise.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints a JMH JSON result of {@link PlannerBenchmark} as a Markdown table of medians over every
 * measured iteration of every fork (this machine is noisy: medians, not means).
 */
public final class Summary {
  private Summary() {}

  /** Usage: {@code Summary <jmh-result.json>}. */
  public static void main(String[] args) throws IOException {
    JsonNode results = new ObjectMapper().readTree(new File(args[0]));
    System.out.println(
        "| benchmark | nodes | plans/s (median) | placements/s (median) | ns per node per plan |");
    System.out.println("|---|---:|---:|---:|---:|");
    for (JsonNode result : results) {
      String name = result.get("benchmark").asText().replaceAll(".*\\.", "");
      int nodes = result.get("params").get("nodes").asInt();
      double plans = median(result.get("primaryMetric").get("rawData"));
      JsonNode placements = result.path("secondaryMetrics").path("placements").path("rawData");
      System.out.println(
          String.format(
              Locale.ROOT,
              "| %s | %,d | %,.0f | %,.0f | %.1f |",
              name,
              nodes,
              plans,
              placements.isMissingNode() ? Double.NaN : median(placements),
              1e9 / plans / nodes));
    }
  }

  private static double median(JsonNode rawData) {
    List<Double> values = new ArrayList<>();
    for (JsonNode fork : rawData) {
      for (JsonNode value : fork) {
        values.add(value.asDouble());
      }
    }
    values.sort(Double::compare);
    int middle = values.size() / 2;
    return values.size() % 2 == 1
        ? values.get(middle)
        : (values.get(middle - 1) + values.get(middle)) / 2;
  }
}
