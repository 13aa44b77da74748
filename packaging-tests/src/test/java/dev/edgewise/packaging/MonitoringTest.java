package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's monitoring objects, off by default: the Grafana dashboard ConfigMap, the
 * PrometheusRule and the runtimes' PodMonitor. Every PromQL expression in them may name only series
 * and label keys the operator and the runtime really expose ({@link ExposedMetrics}) or that the
 * scrape adds.
 */
class MonitoringTest {

  /** Labels Prometheus Operator adds to every scraped series (ServiceMonitor and PodMonitor). */
  private static final Set<String> TARGET_LABELS =
      Set.of("namespace", "pod", "container", "endpoint", "service", "job", "instance");

  private static final String VALUES =
      """
      metrics:
        serviceMonitor: {enabled: true}
        runtimePodMonitor: {enabled: true, interval: 15s, labels: {release: kube-prometheus}}
        grafanaDashboard: {enabled: true, namespace: monitoring, annotations: {grafana_folder: Edgewise}}
        prometheusRule: {enabled: true, labels: {release: kube-prometheus}, alertLabels: {team: ml, severity: page}}
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, ExposedMetrics.Series> EXPOSED = ExposedMetrics.read();

  @TempDir static Path work;
  private static Rendered enabled;

  @BeforeAll
  static void render() {
    enabled = Chart.render(work, VALUES);
  }

  @Test
  void nothingOfItIsRenderedByDefault() {
    assertThat(Chart.render(work, "{}").kinds())
        .noneMatch(k -> k.startsWith("ConfigMap/"))
        .noneMatch(k -> k.startsWith("PodMonitor/"))
        .noneMatch(k -> k.startsWith("PrometheusRule/"));
  }

  @Test
  void dashboardIsAConfigMapTheGrafanaSidecarLoads() throws IOException {
    Map<String, Object> configMap = enabled.get("ConfigMap", "edgewise-dashboard");

    assertThat(Yaml.str(configMap, "metadata.namespace")).isEqualTo("monitoring");
    assertThat(ChartTemplateTest.labels(configMap)).containsEntry("grafana_dashboard", "1");
    assertThat(Yaml.map(configMap, "metadata.annotations"))
        .containsEntry("grafana_folder", "Edgewise");
    JsonNode dashboard = dashboard();
    assertThat(dashboard.path("uid").asText()).isEqualTo("edgewise");
    assertThat(dashboard.path("title").asText()).isEqualTo("Edgewise");
  }

  @Test
  void dashboardHasThePanelsOfTheFirstHour() throws IOException {
    List<String> titles = new ArrayList<>();
    Set<Integer> ids = new TreeSet<>();
    for (JsonNode panel : dashboard().path("panels")) {
      titles.add(panel.path("title").asText());
      assertThat(ids.add(panel.path("id").asInt()))
          .as("panel id %s unique", panel.path("id"))
          .isTrue();
      if (!"row".equals(panel.path("type").asText())) {
        assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
        assertThat(panel.path("description").asText())
            .as(panel.path("title").asText())
            .isNotBlank();
      }
    }
    assertThat(titles)
        .contains(
            "Placements per ModelDeployment",
            "Disconnected placements per ModelDeployment",
            "Rollouts in progress",
            "Rollouts failed",
            "Offload share",
            "Cloud latency",
            "Queue depth",
            "Rejects",
            "Reconciliations",
            "Reconcile errors");
  }

  @Test
  void everyDashboardQueryNamesOnlyExposedSeriesAndLabels() throws IOException {
    List<String> exprs = new ArrayList<>();
    JsonNode dashboard = dashboard();
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        exprs.add(target.path("expr").asText());
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if ("query".equals(variable.path("type").asText())) {
        exprs.add(variable.path("query").path("query").asText());
      }
    }

    assertThat(exprs).hasSizeGreaterThan(20);
    exprs.forEach(MonitoringTest::assertNamesOnlyExposedSeriesAndLabels);
  }

  @Test
  void everyAlertHasAnExposedExpressionADurationLabelsAndAnnotations() {
    List<Map<String, Object>> alerts = alerts();

    assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
    for (Map<String, Object> alert : alerts) {
      String name = Yaml.str(alert, "alert");
      assertThat(Yaml.str(alert, "for")).as(name).matches("[0-9]+[smh]");
      assertThat(Yaml.map(alert, "labels")).as(name).containsKey("severity");
      assertThat(Yaml.map(alert, "annotations")).as(name).containsKeys("summary", "description");
      assertNamesOnlyExposedSeriesAndLabels(Yaml.str(alert, "expr"));
    }
  }

  @Test
  void alertsCoverFailedRolloutsTheCloudAndFullQueues() {
    Map<String, String> exprByAlert =
        alerts().stream()
            .collect(Collectors.toMap(a -> Yaml.str(a, "alert"), a -> Yaml.str(a, "expr")));

    assertThat(exprByAlert.get("EdgewiseRolloutFailed"))
        .contains("edgewise_modeldeployment_condition{type=\"RolledOut\", status=\"False\"}");
    assertThat(exprByAlert.get("EdgewiseCloudRuntimeNotReady"))
        .contains("edgewise_modeldeployment_cloud_replicas_ready");
    assertThat(exprByAlert.get("EdgewiseRuntimeQueueFull"))
        .contains("edgewise_queue_depth / edgewise_queue_capacity");
    assertThat(exprByAlert.get("EdgewiseRuntimeRejectingRequests")).contains("status=\"503\"");
    assertThat(exprByAlert).containsKey("EdgewiseReconcileErrors");
  }

  @Test
  void alertLabelsFromValuesAreAddedToEveryAlertAndWin() {
    Map<String, Object> rule = enabled.get("PrometheusRule", "edgewise");

    assertThat(ChartTemplateTest.labels(rule)).containsEntry("release", "kube-prometheus");
    assertThat(alerts())
        .allSatisfy(
            a ->
                assertThat(Yaml.map(a, "labels"))
                    .containsEntry("team", "ml")
                    .containsEntry("severity", "page"));
  }

  @Test
  void alertTemplatesReachPrometheusUntouchedByHelm() {
    Map<String, Object> failed =
        alerts().stream()
            .filter(a -> "EdgewiseRolloutFailed".equals(Yaml.str(a, "alert")))
            .findFirst()
            .orElseThrow();

    assertThat(Yaml.str(failed, "annotations.summary"))
        .contains("{{ $labels.model_deployment_namespace }}/{{ $labels.model_deployment }}");
  }

  @Test
  void podMonitorScrapesEveryRuntimePodTheOperatorCreates() {
    Map<String, Object> monitor = enabled.get("PodMonitor", "edgewise-runtimes");

    assertThat(ChartTemplateTest.labels(monitor)).containsEntry("release", "kube-prometheus");
    // The labels WorkloadLabels puts on every edge and cloud runtime pod.
    assertThat(Yaml.map(monitor, "spec.selector.matchLabels"))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "app.kubernetes.io/name", "edgewise-edge-runtime",
                "app.kubernetes.io/managed-by", "edgewise"));
    assertThat(Yaml.at(monitor, "spec.namespaceSelector.any")).isEqualTo(true);
    Map<String, Object> endpoint = Yaml.list(monitor, "spec.podMetricsEndpoints").get(0);
    assertThat(endpoint)
        .containsEntry("port", "http")
        .containsEntry("path", "/q/metrics")
        .containsEntry("interval", "15s");
    assertThat(relabelTargets()).contains("model_deployment", "pool", "node", "role");
  }

  @Test
  void podMonitorLooksOnlyInTheWatchedNamespaces() {
    Rendered rendered =
        Chart.render(
            work,
            "watchNamespaces: [team-a, team-b]\nmetrics: {runtimePodMonitor: {enabled: true}}");
    Map<String, Object> monitor = rendered.get("PodMonitor", "edgewise-runtimes");

    assertThat(Yaml.strings(monitor, "spec.namespaceSelector.matchNames"))
        .containsExactly("team-a", "team-b");
    assertThat(Yaml.at(monitor, "spec.namespaceSelector.any")).isNull();
  }

  private static void assertNamesOnlyExposedSeriesAndLabels(String expr) {
    List<ExposedMetrics.Selector> selectors = ExposedMetrics.selectors(expr);
    assertThat(selectors).as("series in %s", expr).isNotEmpty();
    Set<String> known = new TreeSet<>();
    for (ExposedMetrics.Selector selector : selectors) {
      ExposedMetrics.Series series = EXPOSED.get(selector.name());
      assertThat(series)
          .as("%s in %s is not listed in %s", selector.name(), expr, ExposedMetrics.file())
          .isNotNull();
      Set<String> labels = new TreeSet<>(series.labels());
      labels.addAll(TARGET_LABELS);
      if (series.source() == ExposedMetrics.Source.RUNTIME) {
        labels.addAll(relabelTargets());
      }
      assertThat(labels)
          .as("label keys of %s in %s", selector.name(), expr)
          .containsAll(selector.matcherLabels());
      known.addAll(labels);
    }
    assertThat(known)
        .as("grouping labels of %s", expr)
        .containsAll(ExposedMetrics.groupingLabels(expr));
  }

  /** The labels the runtimes' PodMonitor adds from the pods' labels. */
  private static Set<String> relabelTargets() {
    Map<String, Object> monitor = enabled.get("PodMonitor", "edgewise-runtimes");
    return Yaml.list(Yaml.list(monitor, "spec.podMetricsEndpoints").get(0), "relabelings").stream()
        .map(r -> Yaml.str(r, "targetLabel"))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static JsonNode dashboard() throws IOException {
    Map<String, Object> configMap = enabled.get("ConfigMap", "edgewise-dashboard");
    return JSON.readTree((String) Yaml.map(configMap, "data").get("edgewise.json"));
  }

  private static List<Map<String, Object>> alerts() {
    Map<String, Object> rule = enabled.get("PrometheusRule", "edgewise");
    return Yaml.list(rule, "spec.groups").stream()
        .flatMap(g -> Yaml.list(g, "rules").stream())
        .collect(Collectors.toList());
  }
}
