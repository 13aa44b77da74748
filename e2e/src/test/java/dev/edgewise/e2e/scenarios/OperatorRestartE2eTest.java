package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.OperatorProcess;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 5: the operator killed with SIGKILL at random moments of rollouts (20 times) and started
 * again converges each time: one runtime Deployment per placement, each on the wanted version and
 * owned by its ModelDeployment, and no other.
 */
@Order(5)
class OperatorRestartE2eTest {
  private static final String MD = "restarted";
  private static final int KILLS = Integer.getInteger("edgewise.e2e.kills", 20);

  @RegisterExtension static final Scenario scenario = new Scenario("restart");

  @Test
  void killedAtRandomMomentsOfARolloutItConvergesWithNothingDuplicated() {
    scenario.apply(Manifests.pool("restart", "5m"));
    scenario.apply(Manifests.model(MD, "restart", 4, "student-r0", "[25, 50, 100]", "2m", true));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(90));
    OperatorProcess operator = scenario.operator();
    Random random = new Random(20261201L);

    for (int kill = 1; kill <= KILLS; kill++) {
      scenario.setVersion(MD, "student-r" + kill);
      sleep(random.nextInt(2500));
      operator.kill();
      operator.start();
      operator.awaitStarted(Duration.ofSeconds(60));
      if (kill % 5 == 0) {
        String version = "student-r" + kill;
        converged(version, Duration.ofSeconds(120));
      }
    }
    converged("student-r" + KILLS, Duration.ofSeconds(120));
  }

  private static void converged(String version, Duration atMost) {
    eventually(atMost)
        .untilAsserted(
            () -> {
              ModelDeployment md = scenario.modelDeployment(MD);
              assertThat(scenario.placedVersions(MD)).hasSize(4).containsOnly(version);
              List<Deployment> runtimes = scenario.runtimeDeployments(MD);
              assertThat(runtimes.stream().map(d -> d.getMetadata().getName()))
                  .containsExactlyInAnyOrderElementsOf(
                      md.getStatus().getPlacements().stream()
                          .map(p -> MD + "-" + p.getNode())
                          .toList());
              assertThat(runtimes)
                  .allSatisfy(
                      d -> {
                        assertThat(d.getMetadata().getOwnerReferences())
                            .singleElement()
                            .satisfies(
                                o -> assertThat(o.getUid()).isEqualTo(md.getMetadata().getUid()));
                        assertThat(d.getSpec().getTemplate().getMetadata().getLabels())
                            .containsEntry("edgewise.dev/model-version", version);
                      });
              List<ReplicaSet> scaledUp =
                  scenario
                      .client()
                      .apps()
                      .replicaSets()
                      .inNamespace(scenario.namespace())
                      .list()
                      .getItems()
                      .stream()
                      .filter(
                          rs ->
                              rs.getSpec().getReplicas() != null && rs.getSpec().getReplicas() > 0)
                      .toList();
              assertThat(scaledUp).hasSize(4);
              assertThat(scenario.condition(MD, "Ready").orElseThrow().getStatus())
                  .isEqualTo("True");
            });
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
