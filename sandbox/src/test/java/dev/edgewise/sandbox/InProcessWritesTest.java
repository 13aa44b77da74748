package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessWritesTest {
  private final SandboxApiServer server = SandboxApiServer.start(0);
  private final ApiWrites writes = server.inProcessWrites();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pathsAreTheOnesAClientUses() {
    assertThat(InProcessWrites.collectionPath(pod("web")))
        .isEqualTo("/api/v1/namespaces/default/pods");
    assertThat(
            InProcessWrites.collectionPath(
                new DeploymentBuilder()
                    .withNewMetadata()
                    .withName("d")
                    .withNamespace("ns")
                    .endMetadata()
                    .build()))
        .isEqualTo("/apis/apps/v1/namespaces/ns/deployments");
  }

  @Test
  void aCreateAndAStatusUpdateAreSeenByClients() {
    writes.create(pod("web"));
    Pod stored = server.client().pods().inNamespace("default").withName("web").get();
    assertThat(stored.getMetadata().getResourceVersion()).isNotNull();
    assertThat(stored.getStatus().getPhase()).isEqualTo("Pending");

    stored.getStatus().setPhase("Running");
    writes.updateStatus(stored);

    assertThat(
            server
                .client()
                .pods()
                .inNamespace("default")
                .withName("web")
                .get()
                .getStatus()
                .getPhase())
        .isEqualTo("Running");
  }

  @Test
  void failuresAreClientExceptionsWithTheirCode() {
    writes.create(pod("web"));

    assertThatThrownBy(() -> writes.create(pod("web")))
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    assertThat(server.client().pods().inNamespace("default").list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .isEqualTo(List.of("web"));
  }

  private static Pod pod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("c")
        .withImage("busybox")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }
}
