package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Names and label values stay valid and unique when inputs are long. */
class WorkloadNamesTest {

  @Test
  void keepsShortNamesAndCleansCharacters() {
    assertThat(WorkloadNames.runtimeDeployment("vision", "edge-1")).isEqualTo("vision-edge-1");
    assertThat(WorkloadNames.runtimeDeployment("vision", "ip-10-0-0-1.ec2.internal"))
        .isEqualTo("vision-ip-10-0-0-1-ec2-internal");
  }

  @Test
  void cutsLongNamesTo63CharactersWithAHash() {
    String longNode = "n".repeat(80);
    String name = WorkloadNames.runtimeDeployment("vision", longNode);
    String other = WorkloadNames.runtimeDeployment("vision", longNode + "x");

    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
    assertThat(name).isNotEqualTo(other);
    assertThat(WorkloadNames.runtimeDeployment("vision", longNode)).isEqualTo(name);
  }

  @Test
  void cutsLongLabelValues() {
    String value = WorkloadNames.labelValue("node." + "a".repeat(100));

    assertThat(value)
        .hasSizeLessThanOrEqualTo(63)
        .matches("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    assertThat(WorkloadNames.labelValue("short.name")).isEqualTo("short.name");
  }
}
