package dev.edgewise.e2e.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.e2e.harness.LocalCluster;
import dev.edgewise.e2e.harness.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 1: the CRDs are accepted by the real API server, every sample reaches Ready, {@code
 * kubectl wait --for=condition=Ready} returns for each ModelDeployment and {@code kubectl get}
 * shows the printer columns.
 */
@Order(1)
class SamplesE2eTest {
  @RegisterExtension static final Scenario scenario = new Scenario("samples");

  static List<Path> samples() throws IOException {
    try (Stream<Path> files = Files.list(LocalCluster.root().resolve("config/samples"))) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("edgewise.dev_"))
          .sorted()
          .toList();
    }
  }

  @Test
  void theCrdsAndTheChartsCrdsAreAccepted() {
    for (String dir : List.of("crds/", "charts/edgewise/crds/")) {
      String out =
          scenario.kubectl(
              "apply", "--server-side", "-f", LocalCluster.root().resolve(dir).toString());
      assertThat(out)
          .contains("customresourcedefinition.apiextensions.k8s.io/modeldeployments.edgewise.dev")
          .contains("customresourcedefinition.apiextensions.k8s.io/edgenodepools.edgewise.dev");
    }
    scenario.kubectl(
        "wait",
        "--for=condition=Established",
        "--timeout=30s",
        "crd/modeldeployments.edgewise.dev",
        "crd/edgenodepools.edgewise.dev");
  }

  @Test
  void everySampleBecomesReady() throws IOException {
    for (Path sample : samples()) {
      scenario.kubectl("apply", "-f", sample.toString());
    }
    List<String> modelDeployments =
        samples().stream()
            .map(p -> p.getFileName().toString())
            .filter(f -> f.contains("_modeldeployment_"))
            .map(f -> f.substring(f.lastIndexOf('_') + 1, f.length() - ".yaml".length()))
            .toList();
    assertThat(modelDeployments).contains("digits-edge", "digits-trained", "digits-joint");
    for (String md : modelDeployments) {
      scenario.kubectl("wait", "--for=condition=Ready", "--timeout=180s", "modeldeployment/" + md);
    }
    for (EdgeNodePool pool : scenario.client().resources(EdgeNodePool.class).list().getItems()) {
      assertThat(pool.getStatus().getConditions())
          .as("conditions of pool %s", pool.getMetadata().getName())
          .anySatisfy(c -> assertThat(c.getType() + "=" + c.getStatus()).isEqualTo("Ready=True"));
    }

    String table = scenario.kubectl("get", "modeldeployments");
    assertThat(table.lines().findFirst().orElseThrow().split("\\s+"))
        .containsExactly("NAME", "PHASE", "READY", "UPDATED", "VERSION", "AGE");
    assertThat(table).containsPattern("digits-edge\\s+Ready\\s+4/4\\s+4\\s+student-v1");
    assertThat(table).containsPattern("digits-trained\\s+Ready\\s+3/3\\s+3\\s+teacher-v2");
    String pools = scenario.kubectl("get", "edgenodepools");
    int edgeNodes =
        scenario
            .client()
            .nodes()
            .withLabel("node-role.kubernetes.io/edge")
            .list()
            .getItems()
            .size();
    assertThat(pools)
        .containsPattern("kubeedge-edge\\s+KubeEdge\\s+" + edgeNodes + "\\s+" + edgeNodes);
    scenario.awaitCondition("digits-joint", "Ready", "True", Duration.ofSeconds(5));
  }
}
