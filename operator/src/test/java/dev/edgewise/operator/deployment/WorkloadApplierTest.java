package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.sandbox.SandboxApiServer;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The applier against the sandbox's API server: creates, updates, deletes, skips by memo, and keeps
 * a Service it finds already made.
 */
class WorkloadApplierTest {
  private static SandboxApiServer server;
  private static KubernetesClient client;
  private final AtomicInteger builds = new AtomicInteger();

  @BeforeAll
  static void start() {
    server = SandboxApiServer.start(0);
    client = server.client();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void sameInputsAreNotBuiltAgainWhileTheDeploymentCarriesTheirHash() {
    WorkloadApplier applier =
        new WorkloadApplier(client, OwnWrites.of(client), new SpecHashMemo(100));

    applier.apply(List.of(desired("memo-a", "inputs-1", "image:1")), existing("memo-a"));
    applier.apply(List.of(desired("memo-a", "inputs-1", "image:1")), existing("memo-a"));

    assertThat(builds).hasValue(1);
    assertThat(image("memo-a")).isEqualTo("image:1");
  }

  @Test
  void otherInputsAreBuiltAndUpdateTheDeployment() {
    WorkloadApplier applier =
        new WorkloadApplier(client, OwnWrites.of(client), new SpecHashMemo(100));
    applier.apply(List.of(desired("memo-b", "inputs-1", "image:1")), existing("memo-b"));

    applier.apply(List.of(desired("memo-b", "inputs-2", "image:2")), existing("memo-b"));

    assertThat(builds).hasValue(2);
    assertThat(image("memo-b")).isEqualTo("image:2");
  }

  @Test
  void aDeploymentChangedBehindTheOperatorsBackIsRebuiltAndRestored() {
    WorkloadApplier applier =
        new WorkloadApplier(client, OwnWrites.of(client), new SpecHashMemo(100));
    applier.apply(List.of(desired("memo-c", "inputs-1", "image:1")), existing("memo-c"));
    Deployment changed =
        client.apps().deployments().inNamespace("default").withName("memo-c").get();
    changed.getMetadata().getAnnotations().put(WorkloadApplier.SPEC_HASH_ANNOTATION, "edited");
    changed.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("image:edited");
    client.resource(changed).update();

    applier.apply(List.of(desired("memo-c", "inputs-1", "image:1")), existing("memo-c"));

    assertThat(builds).hasValue(2);
    assertThat(image("memo-c")).isEqualTo("image:1");
  }

  @Test
  void withoutInputsEveryDeploymentIsBuiltAndDeploymentsNoLongerWantedAreDeleted() {
    WorkloadApplier applier =
        new WorkloadApplier(client, OwnWrites.of(client), new SpecHashMemo(100));
    applier.apply(List.of(desired("memo-d", null, "image:1")), existing("memo-d"));
    applier.apply(List.of(desired("memo-d", null, "image:1")), existing("memo-d"));
    assertThat(builds).hasValue(2);

    applier.apply(List.of(), existing("memo-d"));

    assertThat(existing("memo-d")).isEmpty();
  }

  @Test
  void aServiceTheCacheHasNotSeenYetIsKeptAsItIs() {
    WorkloadApplier applier =
        new WorkloadApplier(client, OwnWrites.of(client), new SpecHashMemo(100));
    applier.ensureService(service("svc-a", 8080), List.of());

    applier.ensureService(service("svc-a", 9090), List.of());

    assertThat(
            client.services().inNamespace("default").withName("svc-a").get().getSpec().getPorts())
        .extracting(ServicePort::getPort)
        .containsExactly(8080);
  }

  private static Service service(String name, int port) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addToSelector("app", name)
        .addNewPort()
        .withPort(port)
        .endPort()
        .endSpec()
        .build();
  }

  private DesiredDeployment desired(String name, Object inputs, String image) {
    return new DesiredDeployment(
        name,
        inputs,
        () -> {
          builds.incrementAndGet();
          return deployment(name, image);
        });
  }

  private static List<Deployment> existing(String name) {
    Deployment deployment = client.apps().deployments().inNamespace("default").withName(name).get();
    return deployment == null ? List.of() : List.of(deployment);
  }

  private static String image(String name) {
    return existing(name)
        .get(0)
        .getSpec()
        .getTemplate()
        .getSpec()
        .getContainers()
        .get(0)
        .getImage();
  }

  private static Deployment deployment(String name, String image) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("runtime")
        .withImage(image)
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }
}
