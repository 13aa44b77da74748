package dev.edgewise.e2e.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One scenario's view of the run's control plane: a namespace of its own (with the claims the
 * samples use), the admin client, kubectl, and the checks every scenario ends with: no 403, 409 or
 * 422 answer in the operator's log. Register it as a static {@code @RegisterExtension} field.
 */
public final class Scenario implements BeforeAllCallback, AfterAllCallback {
  /** The label the operator puts on the workloads it owns, with the ModelDeployment's name. */
  public static final String MODEL_LABEL = "edgewise.dev/model-deployment";

  private final String namespace;
  private ControlPlane controlPlane;
  private KubernetesClient client;

  /** A scenario in namespace {@code e2e-<name>}. */
  public Scenario(String name) {
    this.namespace = "e2e-" + name;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    controlPlane = ControlPlane.of(context);
    client = controlPlane.cluster().admin();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .serverSideApply();
    controlPlane.cluster().script("claims", namespace);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      assertThat(controlPlane.operator().refusals())
          .as("403, 409 and 422 answers in the operator's log")
          .isEmpty();
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  public String namespace() {
    return namespace;
  }

  public KubernetesClient client() {
    return client;
  }

  public LocalCluster cluster() {
    return controlPlane.cluster();
  }

  public OperatorProcess operator() {
    return controlPlane.operator();
  }

  /** Runs kubectl as the cluster admin in this scenario's namespace; throws unless it exits 0. */
  public String kubectl(String... args) {
    return Commands.run(kubectlCommand(args), Map.of());
  }

  /** Runs kubectl as the cluster admin in this scenario's namespace, whatever it exits with. */
  public Commands.Result tryKubectl(String... args) {
    return Commands.tryRun(kubectlCommand(args), Map.of());
  }

  private List<String> kubectlCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--kubeconfig=" + cluster().adminKubeconfig());
    command.add("--namespace=" + namespace);
    command.addAll(List.of(args));
    return command;
  }

  /** A sample of {@code config/samples}, as text. */
  public static String sample(String file) {
    return read(LocalCluster.root().resolve("config/samples").resolve(file));
  }

  /** Applies YAML (one or more objects) in this scenario's namespace, server-side, as admin. */
  public List<HasMetadata> apply(String yaml) {
    return client.load(new java.io.ByteArrayInputStream(yaml.getBytes())).items().stream()
        .map(o -> (HasMetadata) client.resource(o).inNamespace(namespaceOf(o)).serverSideApply())
        .toList();
  }

  private String namespaceOf(HasMetadata object) {
    return object.getMetadata().getNamespace() == null
        ? namespace
        : object.getMetadata().getNamespace();
  }

  public ModelDeployment modelDeployment(String name) {
    return client.resources(ModelDeployment.class).inNamespace(namespace).withName(name).get();
  }

  /** The condition of a ModelDeployment, if it has one of that type. */
  public Optional<Condition> condition(String name, String type) {
    ModelDeployment md = modelDeployment(name);
    if (md == null || md.getStatus() == null) {
      return Optional.empty();
    }
    return md.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  /**
   * Waits until the ModelDeployment's condition has that status, and returns it; a timeout names
   * every condition the ModelDeployment had last.
   */
  public Condition awaitCondition(String name, String type, String status, Duration atMost) {
    eventually(atMost)
        .untilAsserted(
            () ->
                assertThat(condition(name, type).map(Condition::getStatus))
                    .as(
                        "%s=%s of %s/%s; its conditions: %s",
                        type, status, namespace, name, conditions(name))
                    .contains(status));
    return condition(name, type).orElseThrow();
  }

  private String conditions(String name) {
    ModelDeployment md = modelDeployment(name);
    return md == null || md.getStatus() == null
        ? "none"
        : md.getStatus().getConditions().stream()
            .map(
                c ->
                    c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
            .toList()
            .toString();
  }

  /** Starts recording every status the ModelDeployment has; close it when done. */
  public StatusHistory watch(String name) {
    return new StatusHistory(this, name);
  }

  /** Sets the model version of a ModelDeployment (a merge patch, as kubectl patch does). */
  public void setVersion(String name, String version) {
    kubectl(
        "patch",
        "modeldeployment/" + name,
        "--type=merge",
        "-p",
        "{\"spec\":{\"model\":{\"version\":\"" + version + "\"}}}");
  }

  /** The model versions the placements of a ModelDeployment run, as status reports them. */
  public List<String> placedVersions(String name) {
    return modelDeployment(name).getStatus().getPlacements().stream()
        .map(p -> p.getModelVersion())
        .toList();
  }

  /** The runtime Deployments the operator owns for a ModelDeployment. */
  public List<Deployment> runtimeDeployments(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withLabel(MODEL_LABEL, name)
        .list()
        .getItems();
  }

  /** Awaitility polling every half second, failing after {@code atMost}. */
  public static ConditionFactory eventually(Duration atMost) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(500)).ignoreExceptions();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
