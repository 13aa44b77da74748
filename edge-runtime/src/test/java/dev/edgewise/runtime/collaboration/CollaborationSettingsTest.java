package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.serving.RuntimeConfig;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Bad joint-inference settings are refused with a message naming the property and variable. */
class CollaborationSettingsTest {

  /** The configuration as Quarkus would map it. */
  private record Config(
      Optional<String> cloudUrl,
      Optional<Double> confidenceThreshold,
      Optional<Integer> offloadBudgetPercent,
      long cloudDeadlineMs,
      int budgetWindowRows,
      Optional<Path> hardExamplesDir,
      long hardExamplesMaxBytes,
      int hardExamplesMaxBackups)
      implements RuntimeConfig.CollaborationConfig {
    @Override
    public Optional<String> output() {
      return Optional.empty();
    }
  }

  private static Config config(String url, Double threshold, Integer budget) {
    return new Config(
        Optional.ofNullable(url),
        Optional.ofNullable(threshold),
        Optional.ofNullable(budget),
        200,
        1000,
        Optional.empty(),
        64L << 20,
        1);
  }

  @Test
  void noCloudUrlMeansEdgeOnly() {
    assertThat(CollaborationSettings.from(config(null, 0.8, null))).isEmpty();
    assertThat(CollaborationSettings.from(config(" ", null, null))).isEmpty();
  }

  @Test
  void aValidConfigurationIsRead() {
    CollaborationSettings s =
        CollaborationSettings.from(config("http://digits-cloud.default.svc:8080/", 0.8, 20))
            .orElseThrow();
    assertThat(s.cloudUrl()).hasToString("http://digits-cloud.default.svc:8080");
    assertThat(s.threshold()).hasValue(0.8);
    assertThat(s.budgetPercent()).hasValue(20);
    assertThat(s.deadline().toMillis()).isEqualTo(200);
    assertThat(CollaborationSettings.from(config("https://cloud", null, 5))).isPresent();
  }

  @Test
  void badValuesNameTheProperty() {
    assertThatThrownBy(() -> CollaborationSettings.from(config("http://c:8080", 1.5, null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "edgewise.collaboration.confidence-threshold"
                + " (EDGEWISE_COLLABORATION_CONFIDENCE_THRESHOLD) must be between 0 and 1");
    assertThatThrownBy(() -> CollaborationSettings.from(config("http://c:8080", -0.1, null)))
        .hasMessageContaining("confidence-threshold");
    assertThatThrownBy(() -> CollaborationSettings.from(config("http://c:8080", null, 101)))
        .hasMessageStartingWith(
            "edgewise.collaboration.offload-budget-percent"
                + " (EDGEWISE_COLLABORATION_OFFLOAD_BUDGET_PERCENT) must be between 0 and 100");
    assertThatThrownBy(() -> CollaborationSettings.from(config("ftp://c/x", 0.5, null)))
        .hasMessageStartingWith(
            "edgewise.collaboration.cloud-url (EDGEWISE_COLLABORATION_CLOUD_URL) must be an"
                + " http:// or https:// URL");
    assertThatThrownBy(() -> CollaborationSettings.from(config("digits-cloud:8080", 0.5, null)))
        .hasMessageContaining("cloud-url");
    assertThatThrownBy(() -> CollaborationSettings.from(config("http://c:8080", null, null)))
        .hasMessageStartingWith("edgewise.collaboration.cloud-url")
        .hasMessageContaining("neither edgewise.collaboration.confidence-threshold nor");
    Config zeroDeadline =
        new Config(
            Optional.of("http://c"),
            Optional.of(0.5),
            Optional.empty(),
            0,
            1000,
            Optional.empty(),
            1,
            1);
    assertThatThrownBy(() -> CollaborationSettings.from(zeroDeadline))
        .hasMessageContaining("EDGEWISE_COLLABORATION_CLOUD_DEADLINE_MS");
    Config negativeBackups =
        new Config(
            Optional.of("http://c"),
            Optional.of(0.5),
            Optional.empty(),
            200,
            1000,
            Optional.empty(),
            1,
            -1);
    assertThatThrownBy(() -> CollaborationSettings.from(negativeBackups))
        .hasMessageStartingWith(
            "edgewise.collaboration.hard-examples-max-backups"
                + " (EDGEWISE_COLLABORATION_HARD_EXAMPLES_MAX_BACKUPS) must be between 0 and");
  }
}
