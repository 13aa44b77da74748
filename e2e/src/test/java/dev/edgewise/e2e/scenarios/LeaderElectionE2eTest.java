package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.OperatorProcess;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 6: two operator replicas under the chart's RBAC for {@code replicas: 2} (leader election
 * on, its Role for the Lease): one leads; killed, the other takes over within the lease duration
 * and carries on, and nothing is duplicated.
 */
@Order(6)
class LeaderElectionE2eTest {
  private static final String MD = "elected";

  @RegisterExtension static final Scenario scenario = new Scenario("leader");

  @Test
  void whenTheLeaderIsKilledTheOtherReplicaTakesOver() {
    scenario.operator().close();
    Path kubeconfig =
        scenario.cluster().operatorKubeconfig("edgewise-ha", "edgewise", "--set", "replicas=2");
    List<OperatorProcess> replicas =
        List.of(replica(kubeconfig, "edgewise-ha-a"), replica(kubeconfig, "edgewise-ha-b"));
    try {
      replicas.forEach(OperatorProcess::start);
      scenario.apply(Manifests.pool("restart", "5m"));
      scenario.apply(Manifests.model(MD, "restart", 2, "student-v1", "[100]", "2m", true));
      scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(120));
      String leader = holder();
      OperatorProcess leading =
          replicas.stream().filter(r -> r.name().equals(leader)).findFirst().orElseThrow();

      leading.kill();
      eventually(Duration.ofSeconds(45)).until(() -> !leader.equals(holder()));
      scenario.setVersion(MD, "student-v2");

      eventually(Duration.ofSeconds(90))
          .untilAsserted(
              () -> {
                assertThat(scenario.placedVersions(MD)).hasSize(2).containsOnly("student-v2");
                assertThat(scenario.runtimeDeployments(MD)).hasSize(2);
              });
      for (OperatorProcess replica : replicas) {
        assertThat(replica.refusals()).as("refusals in %s's log", replica.name()).isEmpty();
      }
    } finally {
      replicas.forEach(OperatorProcess::close);
      scenario.operator().start();
    }
  }

  private static OperatorProcess replica(Path kubeconfig, String name) {
    return new OperatorProcess(name, kubeconfig, Map.of("POD_NAME", name));
  }

  private static String holder() {
    Lease lease =
        scenario.client().leases().inNamespace("edgewise").withName("edgewise-operator").get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
