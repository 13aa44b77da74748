package dev.edgewise.operator.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolSpec;
import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.operator.sandbox.SandboxResource;
import dev.edgewise.sandbox.SimulatedNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimiter;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;

/** The EdgeNodePool reconciler against the sandbox's simulated cluster. */
@QuarkusTest
@QuarkusTestResource(value = SandboxResource.class, restrictToAnnotatedClass = true)
class EdgeNodePoolReconcilerTest {
  @Inject Operator operator;

  @Test
  void reportsMembersCapacityLatencyAndDisconnections() {
    KubernetesClient client = SandboxResource.sandbox().client();
    EdgeNodePool pool = new EdgeNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName("north").build());
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setEdgePlatform(EdgePlatform.KubeEdge);
    spec.setNodeSelector(
        new LabelSelectorBuilder()
            .addToMatchLabels("topology.kubernetes.io/zone", "north")
            .build());
    pool.setSpec(spec);
    client.resource(pool).create();

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              EdgeNodePool seen = client.resources(EdgeNodePool.class).withName("north").get();
              assertThat(seen.getStatus()).isNotNull();
              assertThat(seen.getStatus().getNodes().getTotal()).isEqualTo(4);
              assertThat(seen.getStatus().getNodes().getReady()).isEqualTo(4);
              assertThat(seen.getStatus().getLatency().getMinMs()).isEqualTo(4.0);
              assertThat(seen.getStatus().getLatency().getMedianMs()).isEqualTo(7.5);
              assertThat(seen.getStatus().getLatency().getMaxMs()).isEqualTo(15.0);
              assertThat(seen.getStatus().getCapacity().getCpuAllocatableMillis()).isEqualTo(16000);
              assertThat(seen.getStatus().getObservedGeneration()).isEqualTo(1L);
              assertThat(condition(seen, "Ready").getStatus()).isEqualTo("True");
              assertThat(condition(seen, "Degraded").getStatus()).isEqualTo("False");
            });

    client
        .nodes()
        .withName("edge-north-2")
        .edit(
            n -> {
              n.getMetadata().getAnnotations().put(SimulatedNodes.CONNECTED_ANNOTATION, "false");
              return n;
            });

    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              EdgeNodePool seen = client.resources(EdgeNodePool.class).withName("north").get();
              assertThat(seen.getStatus().getNodes().getDisconnected()).isEqualTo(1);
              assertThat(seen.getStatus().getDisconnectedNodes()).containsExactly("edge-north-2");
              Condition degraded = condition(seen, "Degraded");
              assertThat(degraded.getStatus()).isEqualTo("True");
              assertThat(degraded.getMessage()).isEqualTo("1/4 nodes are NotReady: edge-north-2");
              assertThat(client.v1().events().inNamespace("default").list().getItems())
                  .anyMatch(e -> "NodeDisconnected".equals(e.getReason()));
            });
  }

  @Test
  void freeCapacityFollowsThePodsOnMemberNodes() {
    KubernetesClient client = SandboxResource.sandbox().client();
    client.resource(pool("south", "south")).create();
    long free = awaitCpuFree(client, "south", cpu -> cpu > 0);

    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("busy-south")
                .endMetadata()
                .withNewSpec()
                .withNodeName("edge-south-1")
                .addNewContainer()
                .withName("busy")
                .withImage("busybox")
                .withNewResources()
                .addToRequests("cpu", new Quantity("1500m"))
                .endResources()
                .endContainer()
                .endSpec()
                .build())
        .create();
    awaitCpuFree(client, "south", cpu -> cpu == free - 1500);

    client.pods().inNamespace("default").withName("busy-south").delete();
    awaitCpuFree(client, "south", cpu -> cpu == free);
  }

  @Test
  void writesAPoolsStatusAtMostOnceASecond() {
    RateLimiter<?> limiter =
        operator
            .getRegisteredController(EdgeNodePoolReconciler.NAME)
            .orElseThrow()
            .getConfiguration()
            .getRateLimiter();
    assertThat(limiter).isInstanceOf(LinearRateLimiter.class);
    assertThat(((LinearRateLimiter) limiter).getLimitForPeriod()).isEqualTo(1);
    assertThat(((LinearRateLimiter) limiter).getRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
  }

  private static EdgeNodePool pool(String name, String zone) {
    EdgeNodePool pool = new EdgeNodePool();
    pool.setMetadata(new ObjectMetaBuilder().withName(name).build());
    EdgeNodePoolSpec spec = new EdgeNodePoolSpec();
    spec.setEdgePlatform(EdgePlatform.KubeEdge);
    spec.setNodeSelector(
        new LabelSelectorBuilder().addToMatchLabels("topology.kubernetes.io/zone", zone).build());
    pool.setSpec(spec);
    return pool;
  }

  private static long awaitCpuFree(KubernetesClient client, String pool, LongPredicate expected) {
    AtomicLong seen = new AtomicLong();
    await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              long free =
                  client
                      .resources(EdgeNodePool.class)
                      .withName(pool)
                      .get()
                      .getStatus()
                      .getCapacity()
                      .getCpuFreeMillis();
              assertThat(expected.test(free)).as("cpuFreeMillis %d", free).isTrue();
              seen.set(free);
            });
    return seen.get();
  }

  private static Condition condition(EdgeNodePool pool, String type) {
    return pool.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }
}
