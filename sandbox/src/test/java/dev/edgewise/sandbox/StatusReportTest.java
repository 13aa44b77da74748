package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.EdgeNodePoolStatus;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.api.v1alpha1.LatencySummary;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.NodeCounts;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's table of pools and ModelDeployments. */
class StatusReportTest {

  static Condition condition(String type, String status, String message) {
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason("R")
        .withMessage(message)
        .build();
  }

  static EdgeNodePool pool(String name, EdgePlatform platform, EdgeNodePoolStatus status) {
    EdgeNodePool pool = new EdgeNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setEdgePlatform(platform);
    pool.setSpec(spec);
    pool.setStatus(status);
    return pool;
  }

  static EdgeNodePoolStatus poolStatus() {
    EdgeNodePoolStatus status = new EdgeNodePoolStatus();
    status.setNodes(new NodeCounts(3, 2, 1));
    status.setLatency(new LatencySummary(2.0, 7.25, 30.0));
    status.setConditions(
        List.of(condition("Degraded", "True", "1/3 down"), condition("Ready", "True", "ok")));
    return status;
  }

  static PlacementStatus row(String pool, String node, Double latency, boolean ready, boolean off) {
    PlacementStatus row = new PlacementStatus();
    row.setPool(pool);
    row.setNode(node);
    row.setLatencyMs(latency);
    row.setModelVersion("1.2.0");
    row.setReady(ready);
    row.setDisconnected(off);
    return row;
  }

  static ModelDeployment model(String namespace, String name, ModelDeploymentStatus status) {
    ModelDeployment md = new ModelDeployment();
    md.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    md.setStatus(status);
    return md;
  }

  static ModelDeploymentStatus degradedStatus() {
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setPhase(Phase.Degraded);
    status.setReady("1/3");
    ArtifactStatus artifact = new ArtifactStatus();
    artifact.setVersion("1.2.0");
    status.setArtifact(artifact);
    status.setPlacements(
        List.of(
            row("west", "w1", 4.4, true, false),
            row("east", "e2", null, false, false),
            row("east", "e1", 12.6, false, true)));
    status.setConditions(
        List.of(
            condition("Compressed", "True", "Int8: 3.9x smaller"),
            condition("Degraded", "True", "1 placement(s) on disconnected nodes"),
            condition("Ready", "False", "1/3 edge runtimes ready"),
            condition("RolledOut", "True", "every placement runs version 1.2.0")));
    return status;
  }

  @Test
  void rendersPoolsSortedByNameWithCountsMedianLatencyAndConditions() {
    String report =
        StatusReport.render(
            List.of(
                pool("west", EdgePlatform.KubeEdge, poolStatus()),
                pool("east", EdgePlatform.OpenYurt, null)),
            List.of());

    List<String> lines = report.lines().toList();
    assertThat(lines.get(0)).startsWith("EDGENODEPOOL").contains("READY/TOTAL", "P50-MS");
    assertThat(lines.get(1)).startsWith("east ").contains("OpenYurt").endsWith(" -");
    assertThat(lines.get(1).split("\\s+")).containsExactly("east", "OpenYurt", "-", "-", "-");
    assertThat(lines.get(2).split("\\s+"))
        .containsExactly("west", "KubeEdge", "2/3", "7.3", "Degraded=True", "Ready=True");
  }

  @Test
  void rendersAModelWithPhaseReadyServingVersionAndConditions() {
    String report =
        StatusReport.render(List.of(), List.of(model("factory", "vision", degradedStatus())));

    String line =
        report.lines().filter(l -> l.startsWith("factory/vision")).findFirst().orElseThrow();
    assertThat(line.split("\\s+"))
        .containsExactly(
            "factory/vision",
            "Degraded",
            "1/3",
            "1.2.0",
            "Compressed=True",
            "Degraded=True",
            "Ready=False",
            "RolledOut=True");
  }

  @Test
  void aPlacementWithoutAVersionSaysSoInsteadOfNull() {
    ModelDeploymentStatus status = degradedStatus();
    PlacementStatus pending = row("west", "w1", 4.0, false, false);
    pending.setModelVersion(null);
    status.setPlacements(List.of(pending));

    String report = StatusReport.render(List.of(), List.of(model("factory", "vision", status)));

    assertThat(report)
        .contains("runs on: west [w1 4ms no version yet not-ready]")
        .doesNotContain("null");
  }

  @Test
  void showsWhereAModelRunsGroupedByPool() {
    String report =
        StatusReport.render(List.of(), List.of(model("factory", "vision", degradedStatus())));

    assertThat(report)
        .contains(
            "    runs on: east [e2 ?ms 1.2.0 not-ready, e1 13ms 1.2.0 DISCONNECTED];"
                + " west [w1 4ms 1.2.0]"
                + System.lineSeparator());
  }

  @Test
  void showsTheMessageOfEachUnhealthyConditionOnly() {
    String report =
        StatusReport.render(List.of(), List.of(model("factory", "vision", degradedStatus())));

    assertThat(report)
        .contains("    Degraded: 1 placement(s) on disconnected nodes" + System.lineSeparator())
        .contains("    Ready: 1/3 edge runtimes ready" + System.lineSeparator())
        .doesNotContain("Compressed: ")
        .doesNotContain("RolledOut: ");
  }

  @Test
  void aNotDegradedConditionIsHealthy() {
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    status.setConditions(
        List.of(
            condition("Degraded", "False", "every placement is as planned"),
            condition("Trained", "Unknown", "waiting for a GPU")));

    String report = StatusReport.render(List.of(), List.of(model("ns", "m", status)));

    assertThat(report)
        .doesNotContain("every placement is as planned")
        .contains("    Trained: waiting for a GPU");
  }

  @Test
  void aModelWithoutStatusShowsDashes() {
    String report = StatusReport.render(List.of(), List.of(model("ns", "fresh", null)));

    String line = report.lines().filter(l -> l.startsWith("ns/fresh")).findFirst().orElseThrow();
    assertThat(line.split("\\s+")).containsExactly("ns/fresh", "-", "-", "-", "-");
    assertThat(report).doesNotContain("runs on:");
  }

  @Test
  void sortsModelsByNamespaceThenName() {
    String report =
        StatusReport.render(
            List.of(),
            List.of(model("b", "a", null), model("a", "z", null), model("a", "b", null)));

    List<String> names =
        report.lines().filter(l -> l.matches("^[ab]/.*")).map(l -> l.split("\\s+")[0]).toList();
    assertThat(names).containsExactly("a/b", "a/z", "b/a");
  }
}
