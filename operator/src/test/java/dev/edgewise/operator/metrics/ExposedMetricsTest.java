package dev.edgewise.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator's lines of {@code config/monitoring/exposed-metrics.txt} (which the chart's
 * dashboard and alerts may use) against what a Prometheus registry really exposes from {@link
 * FleetMetrics} and {@link ReconcileMetrics}: same series names, same label keys.
 */
class ExposedMetricsTest {
  private static final Pattern SERIES =
      Pattern.compile("^(edgewise_[a-zA-Z0-9_]+)(\\{([^}]*)\\})? ", Pattern.MULTILINE);
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

  @Test
  void everyListedOperatorSeriesIsScrapedWithItsLabelsAndNoOtherIs() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FleetMetrics fleet = new FleetMetrics(registry);
    Metrics metrics = new ReconcileMetrics().metrics(registry, fleet);
    metrics.timeControllerExecution(execution());
    fleet.record("ml", "digits", jointInferenceStatus());

    Map<String, Set<String>> scraped = series(registry.scrape());

    assertThat(scraped).isEqualTo(listed("operator"));
  }

  /** Series names and label keys of a Prometheus text scrape. */
  static Map<String, Set<String>> series(String scrape) {
    Map<String, Set<String>> found = new HashMap<>();
    Matcher m = SERIES.matcher(scrape);
    while (m.find()) {
      Set<String> labels = found.computeIfAbsent(m.group(1), n -> new TreeSet<>());
      if (m.group(3) != null) {
        Matcher label = LABEL.matcher(m.group(3));
        while (label.find()) {
          labels.add(label.group(1));
        }
      }
    }
    return found;
  }

  /** The lines of exposed-metrics.txt of one source, as series name to label keys. */
  static Map<String, Set<String>> listed(String source) throws Exception {
    String root = System.getProperty("repository.root", "..");
    Map<String, Set<String>> listed = new HashMap<>();
    for (String line : Files.readAllLines(Path.of(root, "config/monitoring/exposed-metrics.txt"))) {
      String[] words = line.strip().split("\\s+");
      if (words.length >= 2 && words[0].equals(source)) {
        listed.put(words[1], new TreeSet<>(List.of(words).subList(2, words.length)));
      }
    }
    return listed;
  }

  private static ModelDeploymentStatus jointInferenceStatus() {
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    PlacementStatus placement = new PlacementStatus();
    placement.setPool("north");
    status.getPlacements().add(placement);
    CloudRuntimeStatus cloud = new CloudRuntimeStatus();
    cloud.setReplicas(1);
    cloud.setReadyReplicas(1);
    status.setCloud(cloud);
    status
        .getConditions()
        .add(
            new ConditionBuilder()
                .withType("RolledOut")
                .withStatus("False")
                .withReason("RolloutFailed")
                .build());
    return status;
  }

  private static Metrics.ControllerExecution<String> execution() {
    return new Metrics.ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return "modeldeployment";
      }

      @Override
      public String successTypeName(String result) {
        return "success";
      }

      @Override
      public ResourceID resourceID() {
        return new ResourceID("digits", "ml");
      }

      @Override
      public Map<String, Object> metadata() {
        return Map.of();
      }

      @Override
      public String execute() {
        return "done";
      }
    };
  }
}
