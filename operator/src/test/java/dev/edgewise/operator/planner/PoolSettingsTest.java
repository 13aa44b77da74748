package dev.edgewise.operator.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pool settings read from an EdgeNodePool, and Go durations. */
class PoolSettingsTest {

  static EdgeNodePool pool(EdgePlatform platform, String grace, Integer maxModels) {
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setNodeSelector(new LabelSelector());
    spec.setEdgePlatform(platform);
    spec.setDisconnectGracePeriod(grace);
    spec.setMaxModelsPerNode(maxModels);
    spec.setTolerations(
        List.of(TolerationsTest.toleration("dedicated", "Equal", "vision", "NoSchedule")));
    EdgeNodePool pool = new EdgeNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName("factory").build());
    pool.setSpec(spec);
    return pool;
  }

  @Test
  void aKubeEdgePoolToleratesTheEdgeTaintAndItsOwnTolerations() {
    PoolSettings settings = PoolSettings.from(pool(EdgePlatform.KubeEdge, "90s", 3));

    assertThat(settings.name()).isEqualTo("factory");
    assertThat(settings.platform()).isEqualTo(EdgePlatform.KubeEdge);
    assertThat(settings.tolerations())
        .extracting(t -> t.getKey() + ":" + t.getEffect())
        .containsExactly("node-role.kubernetes.io/edge:NoSchedule", "dedicated:NoSchedule");
    assertThat(settings.disconnectGracePeriod()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.maxModelsPerNode()).isEqualTo(3);
  }

  @Test
  void defaultsTheGracePeriodAndThePlatform() {
    PoolSettings settings = PoolSettings.from(pool(null, null, null));

    assertThat(settings.platform()).isEqualTo(EdgePlatform.None);
    assertThat(settings.disconnectGracePeriod()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.tolerations()).hasSize(1);
  }

  @Test
  void parsesGoDurations() {
    assertThat(GoDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(GoDuration.parse("2m500ms")).isEqualTo(Duration.ofMillis(120_500));
    assertThatThrownBy(() -> GoDuration.parse("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("5 minutes");
  }
}
