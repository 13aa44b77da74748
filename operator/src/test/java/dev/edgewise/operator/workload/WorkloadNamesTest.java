package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names and label values stay valid and unique when inputs are long, and no edge runtime is named
 * like a cloud runtime.
 */
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

  /** ModelDeployment and node names chosen to break a naming scheme: cloud words, dots, long. */
  private static final List<String> MODEL_DEPLOYMENTS =
      List.of(
          "x",
          "c",
          "cl",
          "cloud",
          "cloudy",
          "clouds-x",
          "x-cloud",
          "x.cloud",
          "cloud-x",
          "cloud.x",
          "cloud--x",
          "cloud-" + "a".repeat(70),
          "cloudy" + "a".repeat(70),
          "a".repeat(70) + "-cloud",
          "vision");

  private static final List<String> NODES =
      List.of(
          "cloud",
          "x-cloud",
          "cloud-x",
          "x",
          "edge-1",
          "cloud.example.internal",
          "loud-x",
          "oud-x",
          "n".repeat(80) + "-cloud");

  @Test
  void cloudRuntimesArePrefixedSoThatEvenLongNamesKeepThePrefix() {
    assertThat(WorkloadNames.cloudRuntime("vision")).isEqualTo("cloud-vision");
    String cut = WorkloadNames.cloudRuntime("v".repeat(80));
    assertThat(cut).hasSizeLessThanOrEqualTo(63).startsWith("cloud-vvv");
    assertThat(cut).isNotEqualTo(WorkloadNames.cloudRuntime("v".repeat(81)));
  }

  @Test
  void namesThatCouldCollideAreThoseThatAreCloudOrStartWithCloudDash() {
    assertThat(MODEL_DEPLOYMENTS.stream().filter(WorkloadNames::collidesWithCloudRuntimes))
        .containsExactly("cloud", "cloud-x", "cloud.x", "cloud--x", "cloud-" + "a".repeat(70));
  }

  @Test
  void noEdgeRuntimeOfAnAcceptedNameIsNamedLikeACloudRuntime() {
    List<String> cloud = new ArrayList<>();
    for (String md : MODEL_DEPLOYMENTS) {
      cloud.add(WorkloadNames.cloudRuntime(md));
    }
    for (String md : MODEL_DEPLOYMENTS) {
      if (WorkloadNames.collidesWithCloudRuntimes(md)) {
        continue;
      }
      assertThat(WorkloadNames.service(md)).as(md).doesNotStartWith(WorkloadNames.CLOUD_PREFIX);
      assertThat(cloud).doesNotContain(WorkloadNames.service(md));
      for (String node : NODES) {
        String deployment = WorkloadNames.runtimeDeployment(md, node);
        assertThat(deployment).as(md + " on " + node).doesNotStartWith(WorkloadNames.CLOUD_PREFIX);
        assertThat(cloud).as(md + " on " + node).doesNotContain(deployment);
      }
    }
  }

  @Test
  void theCollisionsOfTheOldSuffixAreGone() {
    // A ModelDeployment named x-cloud: its Service was the cloud Service of x.
    assertThat(WorkloadNames.service("x-cloud")).isNotEqualTo(WorkloadNames.cloudRuntime("x"));
    // x on a node named cloud: its Deployment was the cloud Deployment of x.
    assertThat(WorkloadNames.runtimeDeployment("x", "cloud"))
        .isNotEqualTo(WorkloadNames.cloudRuntime("x"));
  }
}
