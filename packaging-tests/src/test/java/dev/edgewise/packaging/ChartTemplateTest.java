package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code helm template} with the default values and with non-default ones. */
class ChartTemplateTest {

  private static final String SA = "edgewise";

  @TempDir Path work;

  @Nested
  class WithDefaultValues {

    private Rendered rendered() {
      return Chart.render(work, "{}");
    }

    @Test
    void rendersExactlyTheOperatorItsRbacAndTheMetricsService() {
      assertThat(rendered().kinds())
          .containsExactly(
              "ClusterRole//edgewise-admin",
              "ClusterRole//edgewise-edit",
              "ClusterRole//edgewise-operator",
              "ClusterRole//edgewise-view",
              "ClusterRoleBinding//edgewise-operator",
              "Deployment/edgewise-system/edgewise",
              "Service/edgewise-system/edgewise-metrics",
              "ServiceAccount/edgewise-system/edgewise");
    }

    @Test
    void operatorRunsAsOneReplicaWithoutLeaderElection() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");

      assertThat(Yaml.at(deployment, "spec.replicas")).isEqualTo(1);
      assertThat(env(deployment))
          .doesNotContainKeys("EDGEWISE_LEADER_ELECTION_ENABLED", "EDGEWISE_WATCH_NAMESPACES");
    }

    @Test
    void operatorUsesTheChartVersionedImagesAndItsServiceAccount() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");
      Map<String, Object> container = container(deployment);

      assertThat(container.get("image")).isEqualTo("edgewise-operator:0.1.0-SNAPSHOT");
      assertThat(env(deployment))
          .containsEntry("EDGEWISE_RUNTIME_IMAGE", "edgewise-edge-runtime:0.1.0-SNAPSHOT")
          .containsEntry("EDGEWISE_RUNTIME_IMAGE_PULL_POLICY", "IfNotPresent")
          .containsEntry("EDGEWISE_RUNTIME_CPU_REQUEST", "250m")
          .containsEntry("EDGEWISE_RUNTIME_MEMORY_REQUEST", "512Mi")
          .containsEntry("EDGEWISE_RUNTIME_CPU_LIMIT", "2")
          .containsEntry("EDGEWISE_RUNTIME_MEMORY_LIMIT", "1Gi");
      assertThat(Yaml.str(deployment, "spec.template.spec.serviceAccountName")).isEqualTo(SA);
    }

    @Test
    void probesAskQuarkusHealthOnTheHttpPort() {
      Map<String, Object> container = container(rendered().get("Deployment", "edgewise"));

      assertThat(Yaml.list(container, "ports"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p).containsEntry("name", "http").containsEntry("containerPort", 8080));
      assertThat(Yaml.str(container, "livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
      assertThat(Yaml.str(container, "livenessProbe.httpGet.port")).isEqualTo("http");
      assertThat(Yaml.str(container, "readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
      assertThat(Yaml.str(container, "readinessProbe.httpGet.port")).isEqualTo("http");
      assertThat(Yaml.str(container, "startupProbe.httpGet.path")).isEqualTo("/q/health/started");
    }

    @Test
    void operatorMeetsTheRestrictedPodSecurityProfile() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");
      Map<String, Object> pod = Yaml.map(deployment, "spec.template.spec");
      Map<String, Object> container = container(deployment);

      assertThat(Yaml.at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(Yaml.str(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
      assertThat(Yaml.at(container, "securityContext.runAsNonRoot")).isEqualTo(true);
      assertThat(Yaml.at(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
      assertThat(Yaml.at(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
      assertThat(Yaml.strings(container, "securityContext.capabilities.drop"))
          .containsExactly("ALL");
      assertThat(Yaml.at(container, "securityContext.capabilities.add")).isNull();
      assertThat(Yaml.str(container, "securityContext.seccompProfile.type"))
          .isEqualTo("RuntimeDefault");
    }

    @Test
    void tmpIsAWritableEmptyDirBecauseTheRootFilesystemIsReadOnly() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");

      assertThat(Yaml.list(container(deployment), "volumeMounts"))
          .containsExactly(Map.of("name", "tmp", "mountPath", "/tmp"));
      assertThat(Yaml.list(deployment, "spec.template.spec.volumes"))
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v).containsEntry("name", "tmp");
                assertThat(v.get("emptyDir")).isNotNull();
              });
    }

    @Test
    void operatorHasResourceRequestsAndLimits() {
      Map<String, Object> container = container(rendered().get("Deployment", "edgewise"));

      assertThat(Yaml.map(container, "resources.requests")).containsKeys("cpu", "memory");
      assertThat(Yaml.map(container, "resources.limits")).containsKeys("cpu", "memory");
    }

    @Test
    void operatorStaysOffEdgeNodes() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");
      List<Map<String, Object>> terms =
          Yaml.list(
              deployment,
              "spec.template.spec.affinity.nodeAffinity"
                  + ".requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");

      assertThat(terms).hasSize(1);
      assertThat(Yaml.list(terms.get(0), "matchExpressions"))
          .contains(
              Map.of("key", "node-role.kubernetes.io/edge", "operator", "DoesNotExist"),
              Map.of(
                  "key",
                  "openyurt.io/is-edge-worker",
                  "operator",
                  "NotIn",
                  "values",
                  List.of("true")));
    }

    @Test
    void metricsServiceSelectsTheOperatorPodsOnTheirHttpPort() {
      Rendered rendered = rendered();
      Map<String, Object> service = rendered.get("Service", "edgewise-metrics");
      Map<String, Object> deployment = rendered.get("Deployment", "edgewise");

      assertThat(Yaml.map(deployment, "spec.template.metadata.labels"))
          .containsAllEntriesOf(Yaml.map(service, "spec.selector"));
      assertThat(Yaml.map(deployment, "spec.selector.matchLabels"))
          .isEqualTo(Yaml.map(service, "spec.selector"));
      assertThat(Yaml.list(service, "spec.ports"))
          .singleElement()
          .satisfies(
              p ->
                  assertThat(p)
                      .containsEntry("name", "http-metrics")
                      .containsEntry("targetPort", "http"));
    }

    @Test
    void namespacedObjectsGoToTheReleaseNamespace() {
      Rendered rendered = rendered();
      Stream.of("Deployment", "Service", "ServiceAccount")
          .flatMap(kind -> rendered.ofKind(kind).stream())
          .forEach(o -> assertThat(Yaml.str(o, "metadata.namespace")).isEqualTo(Chart.NAMESPACE));
    }

    @Test
    void aggregatedRolesExtendTheBuiltInAdminEditAndViewRoles() {
      Rendered rendered = rendered();

      assertThat(labels(rendered.get("ClusterRole", "edgewise-admin")))
          .containsEntry("rbac.authorization.k8s.io/aggregate-to-admin", "true");
      assertThat(labels(rendered.get("ClusterRole", "edgewise-edit")))
          .containsEntry("rbac.authorization.k8s.io/aggregate-to-edit", "true");
      Map<String, Object> view = rendered.get("ClusterRole", "edgewise-view");
      assertThat(labels(view)).containsEntry("rbac.authorization.k8s.io/aggregate-to-view", "true");
      assertThat(Yaml.list(view, "rules"))
          .allSatisfy(
              r ->
                  assertThat(Yaml.strings(r, "verbs"))
                      .containsExactlyInAnyOrder("get", "list", "watch"));
      assertThat(
              Yaml.list(view, "rules").stream().flatMap(r -> Yaml.strings(r, "resources").stream()))
          .contains("modeldeployments", "edgenodepools");
    }

    @Test
    void shipsWhateverCrdsAreInTheChartsCrdsFolder() throws Exception {
      Path folder = Chart.dir().resolve("crds");
      List<Map<String, Object>> files = new ArrayList<>();
      if (Files.isDirectory(folder)) {
        try (Stream<Path> list = Files.list(folder)) {
          for (Path file : list.sorted().toList()) {
            String name = file.getFileName().toString();
            if (name.endsWith(".yml") || name.endsWith(".yaml")) {
              files.add(Chart.readYaml(file));
            }
          }
        }
      }

      String shipped = Chart.showCrds();

      if (files.isEmpty()) {
        assertThat(shipped).isBlank();
        return;
      }
      for (Map<String, Object> crd : files) {
        assertThat(shipped).contains("name: " + Yaml.str(crd, "metadata.name"));
      }
      // The RBAC templates grant EdgeNodePools in the ClusterRole and ModelDeployments per
      // namespace: that only works with these scopes.
      assertThat(files)
          .extracting(crd -> Yaml.str(crd, "metadata.name") + " " + Yaml.str(crd, "spec.scope"))
          .containsExactlyInAnyOrder(
              "edgenodepools.edgewise.dev Cluster", "modeldeployments.edgewise.dev Namespaced");
    }
  }

  @Nested
  class WithNonDefaultValues {

    private static final String VALUES =
        """
        replicas: 2
        watchNamespaces: [team-a, team-b]
        image: {repository: registry.example/edgewise-operator, tag: "1.2.3"}
        runtime:
          image: {repository: registry.example/edgewise-edge-runtime, tag: "1.2.4", pullPolicy: Always}
          resources: {requests: {cpu: 100m, memory: 256Mi}, limits: {memory: 768Mi}}
        logLevel: DEBUG
        extraEnv: [{name: QUARKUS_LOG_CONSOLE_JSON, value: "true"}]
        metrics:
          serviceMonitor: {enabled: true, interval: 15s, labels: {release: kube-prometheus}}
        """;

    private Rendered rendered() {
      return Chart.render(work, VALUES);
    }

    @Test
    void rendersRolesPerWatchedNamespaceLeaderElectionAndServiceMonitor() {
      assertThat(rendered().kinds())
          .containsExactly(
              "ClusterRole//edgewise-admin",
              "ClusterRole//edgewise-edit",
              "ClusterRole//edgewise-operator",
              "ClusterRole//edgewise-view",
              "ClusterRoleBinding//edgewise-operator",
              "Deployment/edgewise-system/edgewise",
              "PodDisruptionBudget/edgewise-system/edgewise",
              "Role/edgewise-system/edgewise-leader-election",
              "Role/team-a/edgewise-operator",
              "Role/team-b/edgewise-operator",
              "RoleBinding/edgewise-system/edgewise-leader-election",
              "RoleBinding/team-a/edgewise-operator",
              "RoleBinding/team-b/edgewise-operator",
              "Service/edgewise-system/edgewise-metrics",
              "ServiceAccount/edgewise-system/edgewise",
              "ServiceMonitor/edgewise-system/edgewise");
    }

    @Test
    void twoReplicasTurnLeaderElectionOn() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");

      assertThat(Yaml.at(deployment, "spec.replicas")).isEqualTo(2);
      assertThat(env(deployment)).containsEntry("EDGEWISE_LEADER_ELECTION_ENABLED", "true");
    }

    @Test
    void standbyReplicasKeepOneOperatorThroughDrains() {
      Rendered rendered = rendered();
      Map<String, Object> budget = rendered.get("PodDisruptionBudget", "edgewise");

      assertThat(Yaml.at(budget, "spec.minAvailable")).isEqualTo(1);
      assertThat(Yaml.map(budget, "spec.selector.matchLabels"))
          .isEqualTo(Yaml.map(rendered.get("Deployment", "edgewise"), "spec.selector.matchLabels"));
    }

    @Test
    void watchedNamespacesReachTheOperatorAsOneCommaList() {
      assertThat(env(rendered().get("Deployment", "edgewise")))
          .containsEntry("EDGEWISE_WATCH_NAMESPACES", "team-a,team-b");
    }

    @Test
    void imagesLogLevelAndExtraEnvComeFromValues() {
      Map<String, Object> deployment = rendered().get("Deployment", "edgewise");

      assertThat(container(deployment).get("image"))
          .isEqualTo("registry.example/edgewise-operator:1.2.3");
      assertThat(env(deployment))
          .containsEntry("EDGEWISE_RUNTIME_IMAGE", "registry.example/edgewise-edge-runtime:1.2.4")
          .containsEntry("EDGEWISE_RUNTIME_IMAGE_PULL_POLICY", "Always")
          .containsEntry("EDGEWISE_RUNTIME_CPU_REQUEST", "100m")
          .containsEntry("EDGEWISE_RUNTIME_MEMORY_LIMIT", "768Mi")
          .containsEntry("QUARKUS_LOG_CATEGORY__DEV_EDGEWISE__LEVEL", "DEBUG")
          .containsEntry("QUARKUS_LOG_CONSOLE_JSON", "true");
    }

    @Test
    void rolesInWatchedNamespacesAreBoundToTheOperatorServiceAccount() {
      Rendered rendered = rendered();
      for (String namespace : List.of("team-a", "team-b")) {
        Map<String, Object> binding =
            rendered.ofKind("RoleBinding").stream()
                .filter(b -> namespace.equals(Yaml.str(b, "metadata.namespace")))
                .findFirst()
                .orElseThrow();
        assertThat(Yaml.map(binding, "roleRef"))
            .containsEntry("kind", "Role")
            .containsEntry("name", "edgewise-operator");
        assertThat(Yaml.list(binding, "subjects"))
            .containsExactly(
                Map.of("kind", "ServiceAccount", "name", SA, "namespace", Chart.NAMESPACE));
      }
    }

    @Test
    void clusterRoleKeepsOnlyClusterScopedResourcesAndPods() {
      Map<String, Object> clusterRole = rendered().get("ClusterRole", "edgewise-operator");

      assertThat(
              Yaml.list(clusterRole, "rules").stream()
                  .flatMap(r -> Yaml.strings(r, "resources").stream()))
          .containsExactlyInAnyOrder("edgenodepools", "edgenodepools/status", "nodes", "pods");
    }

    @Test
    void serviceMonitorScrapesTheMetricsServicePort() {
      Rendered rendered = rendered();
      Map<String, Object> monitor = rendered.get("ServiceMonitor", "edgewise");
      Map<String, Object> service = rendered.get("Service", "edgewise-metrics");

      assertThat(labels(monitor)).containsEntry("release", "kube-prometheus");
      assertThat(labels(service))
          .containsAllEntriesOf(Yaml.map(monitor, "spec.selector.matchLabels"));
      assertThat(Yaml.list(monitor, "spec.endpoints"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e)
                      .containsEntry("port", "http-metrics")
                      .containsEntry("path", "/q/metrics")
                      .containsEntry("interval", "15s"));
    }
  }

  @Test
  void chartAppVersionIsTheProjectVersionSoDefaultImageTagsExist() {
    // make images tags both images with the Maven project version; the chart's default tag is
    // its appVersion.
    Map<String, Object> chart = Chart.readYaml(Chart.dir().resolve("Chart.yaml"));

    assertThat(chart.get("appVersion")).isEqualTo(System.getProperty("edgewise.version"));
  }

  @Test
  void serviceMonitorWithoutTheMetricsServiceIsRefused() {
    assertThatThrownBy(
            () ->
                Chart.render(
                    work, "metrics: {service: {enabled: false}, serviceMonitor: {enabled: true}}"))
        .hasMessageContaining("metrics.serviceMonitor.enabled needs metrics.service.enabled");
  }

  @Test
  void anExistingServiceAccountMustBeNamed() {
    assertThatThrownBy(() -> Chart.render(work, "serviceAccount: {create: false}"))
        .hasMessageContaining("serviceAccount.name is required");

    Rendered rendered = Chart.render(work, "serviceAccount: {create: false, name: ops}");
    assertThat(rendered.ofKind("ServiceAccount")).isEmpty();
    assertThat(
            Yaml.str(
                rendered.get("Deployment", "edgewise"), "spec.template.spec.serviceAccountName"))
        .isEqualTo("ops");
  }

  static Map<String, Object> container(Map<String, Object> deployment) {
    List<Map<String, Object>> containers = Yaml.list(deployment, "spec.template.spec.containers");
    assertThat(containers).hasSize(1);
    return containers.get(0);
  }

  /** The container's plain env values by name (valueFrom entries map to an empty string). */
  static Map<String, String> env(Map<String, Object> deployment) {
    return Yaml.list(container(deployment), "env").stream()
        .collect(
            Collectors.toMap(
                e -> (String) e.get("name"), e -> String.valueOf(e.getOrDefault("value", ""))));
  }

  static Map<String, Object> labels(Map<String, Object> object) {
    return Yaml.map(object, "metadata.labels");
  }
}
