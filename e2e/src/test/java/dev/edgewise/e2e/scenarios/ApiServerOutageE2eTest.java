package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.Scenario;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 10: the API server stopped for 60 s in the middle of a rollout and started again: the
 * rollout completes with no help, and the operator retried rather than crashed. Last of the run:
 * every watch of every component breaks.
 */
@Order(10)
class ApiServerOutageE2eTest {
  private static final String MD = "outage";
  private static final Duration OUTAGE =
      Duration.ofSeconds(Integer.getInteger("edgewise.e2e.outage-seconds", 60));

  @RegisterExtension static final Scenario scenario = new Scenario("outage");

  @Test
  void aRolloutCompletesAfterTheApiServerComesBack() throws InterruptedException {
    scenario.apply(Manifests.pool("outage", "5m"));
    scenario.apply(Manifests.model(MD, "outage", 4, "student-v1", "[25, 50, 100]", "5m", true));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(90));
    long linesBefore = scenario.operator().lines().count();

    scenario.setVersion(MD, "student-v2");
    eventually(Duration.ofSeconds(30))
        .until(() -> scenario.placedVersions(MD).contains("student-v2"));
    scenario.cluster().script("stop-apiserver");
    Thread.sleep(OUTAGE.toMillis());
    LocalTime starting = LocalTime.now();
    scenario.cluster().script("start-apiserver");
    scenario
        .operator()
        .tolerateForbiddenWhileApiServerStarts(starting, LocalTime.now().plusSeconds(2));

    eventually(Duration.ofSeconds(180))
        .untilAsserted(
            () -> assertThat(scenario.placedVersions(MD)).hasSize(4).containsOnly("student-v2"));
    scenario.awaitCondition(MD, "RolledOut", "True", Duration.ofSeconds(60));
    // The node lifecycle controller marked the pods not ready while no heartbeat came in; KWOK,
    // back with the API server, reports them ready again, and Ready follows.
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(60));
    assertThat(scenario.operator().isAlive()).as("the operator is still running").isTrue();
    assertThat(scenario.operator().lines().skip(linesBefore))
        .as("the operator's log during the outage")
        .anyMatch(line -> line.contains("Connection refused") || line.contains("connect"));
  }
}
