package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} on the chart: warnings count as failures. */
class ChartLintTest {

  @Test
  void lintStrictIsClean() {
    LintResult result = Chart.helm().lint().strict().call();

    assertThat(result.getMessages())
        .as("helm lint --strict messages")
        .noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    assertThat(result.isFailed()).as("lint failed: %s", result.getMessages()).isFalse();
  }
}
