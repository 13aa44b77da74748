package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's indexed store answers like the mock server it indexes: gets by name, lists by
 * namespace, label and field, and the index follows creates, updates, patches and deletes.
 */
class IndexedCrudDispatcherTest {
  private SandboxApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server = SandboxApiServer.start(0);
    client = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void getsByNameAndNamespace() {
    create("a", "cm", Map.of("app", "x"));
    create("b", "cm", Map.of("app", "y"));

    assertThat(client.configMaps().inNamespace("a").withName("cm").get().getMetadata().getLabels())
        .containsEntry("app", "x");
    assertThat(client.configMaps().inNamespace("b").withName("cm").get().getMetadata().getLabels())
        .containsEntry("app", "y");
    assertThat(client.configMaps().inNamespace("c").withName("cm").get()).isNull();
    assertThat(client.nodes().withName("nowhere").get()).isNull();
  }

  @Test
  void clusterScopedCreatesFindTheirNameWithoutScanning() {
    client.nodes().resource(node("n1", "edge")).create();
    client.nodes().resource(node("n2", "edge")).create();

    assertThatThrownBy(() -> client.nodes().resource(node("n1", "cloud")).create())
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
    client.nodes().withName("n1").delete();
    Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> client.nodes().withName("n1").get() == null);
    client.nodes().resource(node("n1", "cloud")).create();

    assertThat(client.nodes().withName("n1").get().getMetadata().getLabels())
        .containsEntry("tier", "cloud");
    assertThat(client.nodes().withName("n3").get()).isNull();
    assertThat(client.nodes().list().getItems()).hasSize(2);
  }

  @Test
  void listsByNamespaceLabelAndField() {
    create("a", "one", Map.of("app", "x"));
    create("a", "two", Map.of("app", "y"));
    create("b", "three", Map.of("app", "x"));
    client.nodes().resource(node("n1", "edge")).create();
    client.nodes().resource(node("n2", "cloud")).create();

    assertThat(names(client.configMaps().inNamespace("a").list().getItems()))
        .containsExactly("one", "two");
    assertThat(names(client.configMaps().inAnyNamespace().withLabel("app", "x").list().getItems()))
        .containsExactlyInAnyOrder("one", "three");
    assertThat(
            names(
                client
                    .configMaps()
                    .inAnyNamespace()
                    .withField("metadata.name", "two")
                    .list()
                    .getItems()))
        .containsExactly("two");
    assertThat(client.nodes().withLabel("tier", "edge").list().getItems())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("n1");
    assertThat(client.configMaps().inNamespace("empty").list().getItems()).isEmpty();
  }

  @Test
  void indexFollowsUpdatesPatchesAndDeletes() {
    create("a", "cm", Map.of("app", "x"));
    ConfigMap current = client.configMaps().inNamespace("a").withName("cm").get();
    current.getMetadata().setLabels(Map.of("app", "z"));
    client.configMaps().inNamespace("a").resource(current).update();
    assertThat(client.configMaps().inNamespace("a").withLabel("app", "x").list().getItems())
        .isEmpty();
    assertThat(client.configMaps().inNamespace("a").withLabel("app", "z").list().getItems())
        .hasSize(1);

    client
        .configMaps()
        .inNamespace("a")
        .withName("cm")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"v\"}}");
    assertThat(client.configMaps().inNamespace("a").withName("cm").get().getData())
        .containsEntry("k", "v");

    client.configMaps().inNamespace("a").withName("cm").delete();
    Awaitility.await()
        .atMost(5, TimeUnit.SECONDS)
        .until(() -> client.configMaps().inNamespace("a").withName("cm").get() == null);
    assertThat(client.configMaps().inNamespace("a").list().getItems()).isEmpty();
  }

  @Test
  void refusesASecondCreateOfTheSameName() {
    create("a", "cm", Map.of());
    assertThatThrownBy(() -> create("a", "cm", Map.of()))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(409));
  }

  @Test
  void watchesStillSeeEveryChange() {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (var watch =
        client
            .configMaps()
            .inNamespace("a")
            .watch(
                new Watcher<ConfigMap>() {
                  @Override
                  public void eventReceived(Action action, ConfigMap resource) {
                    seen.add(action + " " + resource.getMetadata().getName());
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      create("a", "cm", Map.of());
      client.configMaps().inNamespace("a").withName("cm").delete();
      Awaitility.await()
          .atMost(5, TimeUnit.SECONDS)
          .untilAsserted(() -> assertThat(seen).containsExactly("ADDED cm", "DELETED cm"));
    }
  }

  @Test
  void watchesSeeObjectsEnterChangeAndLeaveTheirSelection() {
    List<String> byLabel = new CopyOnWriteArrayList<>();
    List<String> byName = new CopyOnWriteArrayList<>();
    try (var labelWatch =
            client.configMaps().inNamespace("a").withLabel("app", "x").watch(recorder(byLabel));
        var nameWatch =
            client.configMaps().inNamespace("a").withName("other").watch(recorder(byName))) {
      create("a", "before", Map.of("app", "x"));
      create("a", "other", Map.of("app", "y"));
      client
          .configMaps()
          .inNamespace("a")
          .withName("other")
          .edit(
              cm ->
                  new ConfigMapBuilder(cm)
                      .editMetadata()
                      .addToLabels("app", "x")
                      .endMetadata()
                      .build());
      client
          .configMaps()
          .inNamespace("a")
          .withName("before")
          .edit(
              cm ->
                  new ConfigMapBuilder(cm)
                      .editMetadata()
                      .addToLabels("app", "z")
                      .endMetadata()
                      .build());
      Awaitility.await()
          .atMost(5, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                assertThat(byLabel)
                    .containsExactly("ADDED before x", "ADDED other x", "DELETED before x");
                assertThat(byName).containsExactly("ADDED other y", "MODIFIED other x");
              });
    }
  }

  private static Watcher<ConfigMap> recorder(List<String> seen) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, ConfigMap resource) {
        seen.add(
            action
                + " "
                + resource.getMetadata().getName()
                + " "
                + resource.getMetadata().getLabels().get("app"));
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private void create(String namespace, String name, Map<String, String> labels) {
    client
        .configMaps()
        .inNamespace(namespace)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(labels)
                .endMetadata()
                .build())
        .create();
  }

  private static Node node(String name, String tier) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of("tier", tier))
        .endMetadata()
        .build();
  }

  private static List<String> names(List<ConfigMap> items) {
    return items.stream().map(c -> c.getMetadata().getName()).toList();
  }
}
