package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4: an edge node goes NotReady (KWOK stops its heartbeats; the node lifecycle controller
 * notices). Within the pool's grace period the placement stays; past it the placement moves to
 * another node; when the node is back, everything converges with no duplicate runtime.
 */
@Order(4)
class DisconnectionE2eTest {
  private static final String GROUP = "disconnect";
  private static final String MD = "flaky-edge";

  @RegisterExtension static final Scenario scenario = new Scenario("disconnection");

  @Test
  void aPlacementIsKeptWithinTheGracePeriodAndMovedPastIt() {
    scenario.apply(Manifests.pool(GROUP, "45s"));
    scenario.apply(Manifests.model(MD, GROUP, 2, "student-v1", "[100]", "2m", true));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(90));
    String node = placements().get(0).getNode();

    scenario.cluster().script("node-down", node);
    eventually(Duration.ofSeconds(60)).until(() -> !ready(node));
    eventually(Duration.ofSeconds(20))
        .until(
            () ->
                placements().stream()
                    .anyMatch(p -> p.getNode().equals(node) && p.isDisconnected()));
    assertThat(scenario.runtimeDeployments(MD))
        .as("within the grace period the placement on %s stays", node)
        .anySatisfy(d -> assertThat(d.getMetadata().getName()).endsWith(node));

    eventually(Duration.ofSeconds(120))
        .until(() -> placements().stream().noneMatch(p -> p.getNode().equals(node)));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(60));
    assertThat(placements()).hasSize(2).noneMatch(p -> p.getNode().equals(node));

    scenario.cluster().script("node-up", node);
    eventually(Duration.ofSeconds(60)).until(() -> ready(node));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(60));
    eventually(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<Deployment> runtimes = scenario.runtimeDeployments(MD);
              assertThat(runtimes).hasSize(2);
              assertThat(runtimes.stream().map(d -> d.getMetadata().getName()))
                  .containsExactlyInAnyOrderElementsOf(
                      placements().stream().map(p -> MD + "-" + p.getNode()).toList());
            });
  }

  private static List<PlacementStatus> placements() {
    return scenario.modelDeployment(MD).getStatus().getPlacements();
  }

  private static boolean ready(String nodeName) {
    Node node = scenario.client().nodes().withName(nodeName).get();
    return node.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
