package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Least privilege: the operator's rendered RBAC grants exactly what {@code
 * charts/edgewise/rbac-rules.yaml} (the list of what the operator's code calls) says, in the right
 * place, and nothing anywhere in the chart uses wildcards or touches Secrets.
 */
class ChartRbacTest {

  private static final String SA = "edgewise";
  private static final String CLUSTER = "<cluster>";

  @TempDir Path work;

  /** One verb on one resource, granted cluster-wide or in one namespace. */
  record Grant(String where, String apiGroup, String resource, String verb) {
    @Override
    public String toString() {
      return where + " " + (apiGroup.isEmpty() ? "core" : apiGroup) + "/" + resource + " " + verb;
    }
  }

  @Test
  void clusterWideOperatorGetsExactlyTheListedRules() {
    Rendered rendered = Chart.render(work, "replicas: 2");

    Set<Grant> expected = new TreeSet<>(java.util.Comparator.comparing(Grant::toString));
    expected.addAll(listed("Cluster", CLUSTER));
    expected.addAll(listed("Namespaced", CLUSTER));
    expected.addAll(listed("LeaderElection", Chart.NAMESPACE));

    assertThat(sorted(operatorGrants(rendered))).containsExactlyElementsOf(expected);
  }

  @Test
  void namespacedOperatorGetsTheNamespacedRulesOnlyInWatchedNamespaces() {
    Rendered rendered = Chart.render(work, "replicas: 3\nwatchNamespaces: [team-a, team-b]");

    Set<Grant> expected = new TreeSet<>(java.util.Comparator.comparing(Grant::toString));
    expected.addAll(listed("Cluster", CLUSTER));
    expected.addAll(listed("Namespaced", "team-a"));
    expected.addAll(listed("Namespaced", "team-b"));
    expected.addAll(listed("LeaderElection", Chart.NAMESPACE));

    assertThat(sorted(operatorGrants(rendered))).containsExactlyElementsOf(expected);
  }

  @Test
  void oneReplicaNeedsNoLeaseAccess() {
    Rendered rendered = Chart.render(work, "replicas: 1");

    Set<Grant> expected = new TreeSet<>(java.util.Comparator.comparing(Grant::toString));
    expected.addAll(listed("Cluster", CLUSTER));
    expected.addAll(listed("Namespaced", CLUSTER));

    assertThat(sorted(operatorGrants(rendered))).containsExactlyElementsOf(expected);
  }

  @Test
  void theListCoversTheCallsTheOperatorIsKnownToMake() {
    // A guard against emptying the list (and the templates with it): these are the calls the
    // reconcilers and leader election make today.
    assertThat(listed("Namespaced", CLUSTER))
        .contains(
            new Grant(CLUSTER, "edgewise.dev", "modeldeployments/status", "patch"),
            new Grant(CLUSTER, "apps", "deployments", "create"),
            new Grant(CLUSTER, "batch", "jobs", "create"),
            new Grant(CLUSTER, "", "events", "create"));
    assertThat(listed("Cluster", CLUSTER))
        .contains(
            new Grant(CLUSTER, "", "nodes", "watch"),
            new Grant(CLUSTER, "edgewise.dev", "edgenodepools/status", "patch"));
    assertThat(listed("LeaderElection", CLUSTER))
        .contains(new Grant(CLUSTER, "coordination.k8s.io", "leases", "update"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "replicas: 2\nwatchNamespaces: [team-a]",
        "rbac: {aggregateToDefaultRoles: false}"
      })
  void noRoleAnywhereUsesWildcardsOrTouchesSecrets(String values) {
    Rendered rendered = Chart.render(work, values);

    List<Map<String, Object>> rules =
        Stream.concat(rendered.ofKind("ClusterRole").stream(), rendered.ofKind("Role").stream())
            .flatMap(role -> Yaml.list(role, "rules").stream())
            .toList();
    assertThat(rules).isNotEmpty();
    for (Map<String, Object> rule : rules) {
      assertThat(Yaml.strings(rule, "verbs"))
          .as("verbs of %s", rule)
          .isNotEmpty()
          .doesNotContain("*");
      assertThat(Yaml.strings(rule, "resources"))
          .as("resources of %s", rule)
          .isNotEmpty()
          .doesNotContain("*", "secrets")
          .noneMatch(r -> r.endsWith("/*"));
      assertThat(Yaml.strings(rule, "apiGroups")).as("apiGroups of %s", rule).doesNotContain("*");
      assertThat(rule).as("rule %s", rule).doesNotContainKey("nonResourceURLs");
    }
  }

  @Test
  void rbacCreateFalseRendersNoRbac() {
    Rendered rendered =
        Chart.render(work, "rbac: {create: false}\nreplicas: 2\nwatchNamespaces: [a]");

    assertThat(rendered.kinds())
        .noneMatch(k -> k.startsWith("Role") || k.startsWith("ClusterRole"));
  }

  /** The rules of the given scope in rbac-rules.yaml, as grants in the given place. */
  private static Set<Grant> listed(String scope, String where) {
    Map<String, Object> file = Chart.readYaml(Chart.dir().resolve("rbac-rules.yaml"));
    Set<Grant> grants = new TreeSet<>(java.util.Comparator.comparing(Grant::toString));
    for (Map<String, Object> rule : Yaml.list(file, "rules")) {
      if (scope.equals(rule.get("scope"))) {
        grants.addAll(expand(where, rule));
      }
    }
    return grants;
  }

  /**
   * Every grant the rendered chart gives the operator's service account: the rules of each Role or
   * ClusterRole that a binding with that subject refers to.
   */
  private static List<Grant> operatorGrants(Rendered rendered) {
    Stream<Grant> fromClusterRoles =
        rendered.ofKind("ClusterRoleBinding").stream()
            .filter(ChartRbacTest::bindsOperator)
            .flatMap(
                b ->
                    Yaml.list(rendered.get("ClusterRole", Yaml.str(b, "roleRef.name")), "rules")
                        .stream()
                        .flatMap(rule -> expand(CLUSTER, rule).stream()));
    Stream<Grant> fromRoles =
        rendered.ofKind("RoleBinding").stream()
            .filter(ChartRbacTest::bindsOperator)
            .flatMap(
                b -> {
                  String namespace = Yaml.str(b, "metadata.namespace");
                  assertThat(Yaml.str(b, "roleRef.kind")).isEqualTo("Role");
                  Map<String, Object> role =
                      rendered.ofKind("Role").stream()
                          .filter(r -> namespace.equals(Yaml.str(r, "metadata.namespace")))
                          .filter(
                              r -> Yaml.str(b, "roleRef.name").equals(Yaml.str(r, "metadata.name")))
                          .findFirst()
                          .orElseThrow(() -> new AssertionError("no Role for binding " + b));
                  return Yaml.list(role, "rules").stream()
                      .flatMap(rule -> expand(namespace, rule).stream());
                });
    return Stream.concat(fromClusterRoles, fromRoles).toList();
  }

  private static boolean bindsOperator(Map<String, Object> binding) {
    return Yaml.list(binding, "subjects").stream()
        .anyMatch(
            s ->
                "ServiceAccount".equals(s.get("kind"))
                    && SA.equals(s.get("name"))
                    && Chart.NAMESPACE.equals(s.get("namespace")));
  }

  private static List<Grant> expand(String where, Map<String, Object> rule) {
    return Yaml.strings(rule, "apiGroups").stream()
        .flatMap(
            group ->
                Yaml.strings(rule, "resources").stream()
                    .flatMap(
                        resource ->
                            Yaml.strings(rule, "verbs").stream()
                                .map(verb -> new Grant(where, group, resource, verb))))
        .toList();
  }

  /** Sorted, keeping duplicates so that a grant given twice shows up as a difference. */
  private static List<Grant> sorted(List<Grant> grants) {
    return grants.stream().sorted(java.util.Comparator.comparing(Grant::toString)).toList();
  }
}
