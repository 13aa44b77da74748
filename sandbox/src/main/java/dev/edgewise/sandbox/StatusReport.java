package dev.edgewise.sandbox;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders what the operator did as a table a person can read: each pool and ModelDeployment with
 * its phase and conditions (and why a condition is not what it should be), and where each model
 * runs. Pure: resources in, text out.
 */
public final class StatusReport {
  private StatusReport() {}

  public static String render(List<EdgeNodePool> pools, List<ModelDeployment> models) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %-9s %-12s %-8s %s%n",
            "EDGENODEPOOL",
            "PLATFORM",
            "READY/TOTAL",
            "P50-MS",
            "CONDITIONS"));
    for (EdgeNodePool pool : sortedPools(pools)) {
      var status = pool.getStatus();
      String counts =
          status == null || status.getNodes() == null
              ? "-"
              : status.getNodes().getReady() + "/" + status.getNodes().getTotal();
      String latency =
          status == null || status.getLatency() == null
              ? "-"
              : String.format(Locale.ROOT, "%.1f", status.getLatency().getMedianMs());
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %-9s %-12s %-8s %s%n",
              pool.getMetadata().getName(),
              pool.getSpec().getEdgePlatform(),
              counts,
              latency,
              conditions(status == null ? null : status.getConditions())));
    }
    out.append(System.lineSeparator());
    out.append(
        String.format(
            Locale.ROOT,
            "%-30s %-12s %-6s %-14s %s%n",
            "MODELDEPLOYMENT",
            "PHASE",
            "READY",
            "SERVING",
            "CONDITIONS"));
    for (ModelDeployment md : sortedModels(models)) {
      var status = md.getStatus();
      out.append(
          String.format(
              Locale.ROOT,
              "%-30s %-12s %-6s %-14s %s%n",
              md.getMetadata().getNamespace() + "/" + md.getMetadata().getName(),
              status == null || status.getPhase() == null ? "-" : status.getPhase(),
              status == null || status.getReady() == null ? "-" : status.getReady(),
              status == null || status.getArtifact() == null
                  ? "-"
                  : status.getArtifact().getVersion(),
              conditions(status == null ? null : status.getConditions())));
      if (status != null && status.getPlacements() != null && !status.getPlacements().isEmpty()) {
        out.append("    runs on: ")
            .append(placements(status.getPlacements()))
            .append(System.lineSeparator());
      }
      if (status != null && status.getConditions() != null) {
        for (Condition c : status.getConditions()) {
          if (isUnhealthy(c)) {
            out.append("    ")
                .append(c.getType())
                .append(": ")
                .append(c.getMessage())
                .append(System.lineSeparator());
          }
        }
      }
    }
    return out.toString();
  }

  private static String placements(List<PlacementStatus> rows) {
    Map<String, List<PlacementStatus>> byPool =
        rows.stream()
            .collect(
                Collectors.groupingBy(
                    PlacementStatus::getPool, java.util.TreeMap::new, Collectors.toList()));
    return byPool.entrySet().stream()
        .map(
            e ->
                e.getKey()
                    + " ["
                    + e.getValue().stream()
                        .map(StatusReport::placement)
                        .collect(Collectors.joining(", "))
                    + "]")
        .collect(Collectors.joining("; "));
  }

  /** One placement: node, latency, the version it runs (or that it runs none yet) and health. */
  private static String placement(PlacementStatus r) {
    String latency = r.getLatencyMs() == null ? "?" : String.valueOf(Math.round(r.getLatencyMs()));
    String version = r.getModelVersion() == null ? "no version yet" : r.getModelVersion();
    String health = r.isDisconnected() ? " DISCONNECTED" : r.isReady() ? "" : " not-ready";
    return r.getNode() + " " + latency + "ms " + version + health;
  }

  private static boolean isUnhealthy(Condition c) {
    boolean degraded = "Degraded".equals(c.getType());
    return degraded ? "True".equals(c.getStatus()) : !"True".equals(c.getStatus());
  }

  private static String conditions(List<Condition> conditions) {
    if (conditions == null || conditions.isEmpty()) {
      return "-";
    }
    return conditions.stream()
        .map(c -> c.getType() + "=" + c.getStatus())
        .collect(Collectors.joining(" "));
  }

  private static List<EdgeNodePool> sortedPools(List<EdgeNodePool> pools) {
    return pools.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
  }

  private static List<ModelDeployment> sortedModels(List<ModelDeployment> models) {
    return models.stream()
        .sorted(
            Comparator.comparing((ModelDeployment m) -> m.getMetadata().getNamespace())
                .thenComparing(m -> m.getMetadata().getName()))
        .toList();
  }
}
