package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.OperatorProcess;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 7: the chart's {@code watchNamespaces} mode. The operator, under the Roles the chart
 * renders for the listed namespaces (and the small ClusterRole for nodes and pools), manages the
 * ModelDeployments there, leaves those elsewhere alone, and meets no 403.
 */
@Order(7)
class WatchNamespacesE2eTest {
  private static final String WATCHED = "e2e-watched";
  private static final String IGNORED = "e2e-ignored";

  @RegisterExtension static final Scenario scenario = new Scenario("watch-namespaces");

  @Test
  void onlyTheListedNamespacesAreManaged() {
    scenario.operator().close();
    for (String namespace : new String[] {WATCHED, IGNORED}) {
      scenario
          .client()
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .serverSideApply();
      scenario.cluster().script("claims", namespace);
    }
    Path kubeconfig =
        scenario
            .cluster()
            .operatorKubeconfig(
                "edgewise-ns", "edgewise", "--set", "watchNamespaces={" + WATCHED + "}");
    OperatorProcess operator = new OperatorProcess("edgewise-ns", kubeconfig, Map.of());
    try {
      operator.start();
      scenario.apply(Manifests.pool("gc", "5m"));
      String model = Manifests.model("scoped", "gc", 1, "student-v1", "[100]", "2m", true);
      scenario.client().resource(load(model)).inNamespace(WATCHED).serverSideApply();
      scenario.client().resource(load(model)).inNamespace(IGNORED).serverSideApply();

      eventually(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(status(WATCHED).getConditions())
                      .anySatisfy(
                          c ->
                              assertThat(c.getType() + "=" + c.getStatus())
                                  .isEqualTo("Ready=True")));
      assertThat(
              scenario
                  .client()
                  .genericKubernetesResources("edgewise.dev/v1alpha1", "ModelDeployment")
                  .inNamespace(IGNORED)
                  .withName("scoped")
                  .get()
                  .getAdditionalProperties())
          .as("the ModelDeployment in a namespace not watched")
          .doesNotContainKey("status");
      assertThat(scenario.client().apps().deployments().inNamespace(IGNORED).list().getItems())
          .isEmpty();
      assertThat(operator.refusals()).isEmpty();
      assertThat(operator.lines())
          .noneMatch(l -> l.contains("Forbidden") || l.contains("forbidden"));
    } finally {
      operator.close();
      scenario.operator().start();
    }
  }

  private static dev.edgewise.api.v1alpha1.ModelDeploymentStatus status(String namespace) {
    return scenario
        .client()
        .resources(ModelDeployment.class)
        .inNamespace(namespace)
        .withName("scoped")
        .get()
        .getStatus();
  }

  private static ModelDeployment load(String yaml) {
    return scenario
        .client()
        .resources(ModelDeployment.class)
        .load(new java.io.ByteArrayInputStream(yaml.getBytes()))
        .item();
  }
}
