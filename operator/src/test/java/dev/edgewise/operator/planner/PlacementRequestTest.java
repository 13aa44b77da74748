package dev.edgewise.operator.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.PlacementSpec;
import dev.edgewise.api.v1alpha1.ResponseTimeModel;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A PlacementSpec turned into a planner request. */
class PlacementRequestTest {

  @Test
  void readsTheSpec() {
    PlacementSpec spec = new PlacementSpec();
    spec.setPools(List.of("factory"));
    spec.setMaxLatencyMs(20);
    spec.setReplicas(3);
    spec.setSpreadBy("topology.kubernetes.io/zone");
    spec.setNodeSelector(Map.of("kubernetes.io/arch", "arm64"));
    spec.setResources(
        new ResourceRequirementsBuilder()
            .withRequests(Map.of("cpu", new Quantity("250m")))
            .withLimits(Map.of("cpu", new Quantity("1"), "memory", new Quantity("256Mi")))
            .build());
    ResponseTimeModel model = new ResponseTimeModel();
    model.setEnabled(true);
    model.setModelCostMflop(42.0);
    spec.setResponseTimeModel(model);

    PlacementRequest request =
        PlacementRequest.from(
            spec, Map.of("factory", PoolSettings.defaults("factory")), 1000, Map.of("n1", 2));

    assertThat(request.pools()).containsExactly("factory");
    assertThat(request.maxLatencyMs()).isEqualTo(20);
    assertThat(request.replicas()).isEqualTo(3);
    assertThat(request.perNode()).isFalse();
    assertThat(request.cpuMillis()).isEqualTo(250);
    assertThat(request.memoryBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(request.spreadBy()).isEqualTo("topology.kubernetes.io/zone");
    assertThat(request.responseTime())
        .isEqualTo(
            new ResponseTimeScoring(
                42.0,
                ResponseTimeScoring.DEFAULT_SPEED_LABEL,
                ResponseTimeScoring.DEFAULT_BANDWIDTH_LABEL));
    assertThat(request.artifactBytes()).isEqualTo(1000);
    assertThat(request.otherModelsByNode()).containsEntry("n1", 2);
  }

  @Test
  void usesTheSelectedPoolsWhenTheSpecNamesNoneAndDefaultsUnknownPools() {
    PlacementSpec spec = new PlacementSpec();
    spec.setPerNode(true);
    Map<String, PoolSettings> selected = new LinkedHashMap<>();
    selected.put("b", PoolSettings.defaults("b"));
    selected.put("a", PoolSettings.defaults("a"));

    PlacementRequest request = PlacementRequest.from(spec, selected, 0, Map.of());

    assertThat(request.pools()).containsExactly("b", "a");
    assertThat(request.perNode()).isTrue();
    assertThat(request.responseTime()).isNull();
    assertThat(request.settingsOf("unknown")).isEqualTo(PoolSettings.defaults("unknown"));
  }
}
