package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuntimesPerNodeTest {
  private final RuntimesPerNode runtimes = new RuntimesPerNode();

  @Test
  void countsRuntimeDeploymentsPerNodeFromAddsAndDeletes() {
    Deployment a1 = runtime("m1-a", "a");
    runtimes.onAdd(a1);
    runtimes.onAdd(runtime("m2-a", "a"));
    runtimes.onAdd(runtime("m2-b", "b"));
    runtimes.onAdd(
        new DeploymentBuilder().withNewMetadata().withName("other").endMetadata().build());

    assertThat(runtimes.excluding(List.of())).isEqualTo(Map.of("a", 2, "b", 1));

    runtimes.onDelete(a1, false);
    assertThat(runtimes.excluding(List.of())).isEqualTo(Map.of("a", 1, "b", 1));
  }

  @Test
  void leavesOutTheModelDeploymentsOwnRuntimes() {
    Deployment own = runtime("m1-a", "a");
    runtimes.onAdd(own);
    runtimes.onAdd(runtime("m2-a", "a"));
    runtimes.onAdd(runtime("m1-b", "b"));

    assertThat(runtimes.excluding(List.of(own, runtime("m1-b", "b")))).isEqualTo(Map.of("a", 1));
  }

  @Test
  void anUpdateThatKeepsTheNodeChangesNothing() {
    Deployment before = runtime("m1-a", "a");
    runtimes.onAdd(before);
    Deployment after =
        new DeploymentBuilder(before).editMetadata().withResourceVersion("2").endMetadata().build();

    runtimes.onUpdate(before, after);

    assertThat(runtimes.excluding(List.of())).isEqualTo(Map.of("a", 1));
  }

  private static Deployment runtime(String name, String node) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withResourceVersion("1")
        .addToLabels(WorkloadLabels.NODE, node)
        .endMetadata()
        .build();
  }
}
