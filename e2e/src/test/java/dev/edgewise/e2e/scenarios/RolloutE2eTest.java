package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.RolloutStatus;
import dev.edgewise.e2e.harness.Manifests;
import dev.edgewise.e2e.harness.Scenario;
import dev.edgewise.e2e.harness.StatusHistory;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 2: a canary rollout through its steps; a version whose pods never become ready rolled
 * back at its step deadline; a rollout without automatic promotion waits at each step until the
 * promote annotation names the next one.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RolloutE2eTest {
  private static final String MD = "canary";

  @RegisterExtension static final Scenario scenario = new Scenario("rollout");

  @Test
  @Order(1)
  void aCanaryGoesThroughItsSteps() {
    scenario.apply(Manifests.pool("rollout", "5m"));
    scenario.apply(Manifests.model(MD, "rollout", 4, "student-v1", "[25, 50, 100]", "30s", true));
    scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(90));

    try (StatusHistory history = scenario.watch(MD)) {
      scenario.setVersion(MD, "student-v2");
      eventually(Duration.ofSeconds(90))
          .untilAsserted(
              () -> assertThat(scenario.placedVersions(MD)).hasSize(4).containsOnly("student-v2"));
      scenario.awaitCondition(MD, "RolledOut", "True", Duration.ofSeconds(30));
      assertThat(history.rolloutPercents()).containsSubsequence(25, 50, 100);
    }
  }

  @Test
  @Order(2)
  void aVersionThatNeverBecomesReadyIsRolledBack() {
    try (StatusHistory history = scenario.watch(MD)) {
      scenario.setVersion(MD, "student-v3-broken");
      eventually(Duration.ofSeconds(120))
          .until(() -> history.reasons("RolledOut").contains("RolloutFailed"));
      eventually(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                assertThat(scenario.placedVersions(MD)).hasSize(4).containsOnly("student-v2");
                assertThat(scenario.modelDeployment(MD).getStatus().getRollout().getFailedVersion())
                    .isEqualTo("student-v3-broken");
              });
      scenario.awaitCondition(MD, "Ready", "True", Duration.ofSeconds(60));
    }
  }

  @Test
  @Order(3)
  void aPausedRolloutWaitsForEachPromotion() {
    scenario.kubectl(
        "patch",
        "modeldeployment/" + MD,
        "--type=merge",
        "-p",
        "{\"spec\":{\"model\":{\"version\":\"student-v4\"},\"rollout\":{\"autoPromote\":false}}}");
    int promotions = 0;
    while (true) {
      eventually(Duration.ofSeconds(60)).until(() -> allOn("student-v4") || paused());
      if (allOn("student-v4")) {
        break;
      }
      int step = scenario.modelDeployment(MD).getStatus().getRollout().getStep();
      assertThat(scenario.placedVersions(MD)).as("waiting at step %d", step).contains("student-v2");
      scenario.kubectl(
          "annotate", "--overwrite", "modeldeployment/" + MD, "edgewise.dev/promote=" + (step + 1));
      promotions++;
      eventually(Duration.ofSeconds(60))
          .until(
              () -> {
                RolloutStatus now = scenario.modelDeployment(MD).getStatus().getRollout();
                return allOn("student-v4") || (now != null && now.getStep() > step);
              });
    }
    assertThat(promotions).isEqualTo(2);
    scenario.awaitCondition(MD, "RolledOut", "True", Duration.ofSeconds(60));
  }

  private static boolean allOn(String version) {
    return scenario.placedVersions(MD).stream().allMatch(version::equals);
  }

  private static boolean paused() {
    return scenario
        .condition(MD, "RolledOut")
        .map(c -> "Paused".equals(c.getReason()))
        .orElse(false);
  }
}
