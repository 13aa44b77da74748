package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.operator.workload.WorkloadLabels;
import dev.edgewise.sandbox.SimulatedNodes;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Resources and look-ups the ModelDeployment tests share. */
final class SandboxFixtures {
  private SandboxFixtures() {}

  /** Creates the pool unless a test before already did. */
  static EdgeNodePool pool(KubernetesClient client, String yaml) {
    EdgeNodePool pool = client.getKubernetesSerialization().unmarshal(yaml, EdgeNodePool.class);
    EdgeNodePool existing = client.resource(pool).get();
    return existing != null ? existing : client.resource(pool).create();
  }

  /** The pool {@code kubeedge}: every KubeEdge node of the sandbox (the edge role label). */
  static EdgeNodePool kubeEdgePool(KubernetesClient client) {
    return pool(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata: {name: kubeedge}
        spec:
          edgePlatform: KubeEdge
          nodeSelector:
            matchExpressions: [{key: node-role.kubernetes.io/edge, operator: Exists}]
        """);
  }

  /** The pool {@code yurt}: the sandbox's OpenYurt edge workers. */
  static EdgeNodePool yurtPool(KubernetesClient client) {
    return pool(
        client,
        """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata: {name: yurt}
        spec:
          edgePlatform: OpenYurt
          nodeSelector:
            matchLabels: {openyurt.io/is-edge-worker: "true"}
        """);
  }

  static ModelDeployment model(KubernetesClient client, String yaml) {
    return client
        .resource(client.getKubernetesSerialization().unmarshal(yaml, ModelDeployment.class))
        .create();
  }

  static ModelDeployment get(KubernetesClient client, String namespace, String name) {
    return client.resources(ModelDeployment.class).inNamespace(namespace).withName(name).get();
  }

  static Optional<Condition> condition(ModelDeployment md, String type) {
    if (md == null || md.getStatus() == null || md.getStatus().getConditions() == null) {
      return Optional.empty();
    }
    return md.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst();
  }

  static String conditionStatus(ModelDeployment md, String type) {
    return condition(md, type).map(Condition::getStatus).orElse("missing");
  }

  static String conditionReason(ModelDeployment md, String type) {
    return condition(md, type).map(Condition::getReason).orElse("missing");
  }

  /** The edge runtime Deployments of a ModelDeployment. */
  static List<Deployment> runtimes(KubernetesClient client, String namespace, String md) {
    return owned(client, namespace, md).stream()
        .filter(d -> !WorkloadLabels.isCloudRuntime(d.getMetadata().getLabels()))
        .toList();
  }

  /** The cloud runtime Deployments of a ModelDeployment (joint inference; at most one). */
  static List<Deployment> cloudRuntimes(KubernetesClient client, String namespace, String md) {
    return owned(client, namespace, md).stream()
        .filter(d -> WorkloadLabels.isCloudRuntime(d.getMetadata().getLabels()))
        .toList();
  }

  private static List<Deployment> owned(KubernetesClient client, String namespace, String md) {
    return client
        .apps()
        .deployments()
        .inNamespace(namespace)
        .withLabel(WorkloadLabels.MODEL_DEPLOYMENT, md)
        .list()
        .getItems();
  }

  /** The environment of a runtime Deployment's container, by name. */
  static Map<String, String> env(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, e -> String.valueOf(e.getValue())));
  }

  /** The pods the simulated kubelet made for a Deployment. */
  static List<Pod> pods(KubernetesClient client, Deployment deployment) {
    return client
        .pods()
        .inNamespace(deployment.getMetadata().getNamespace())
        .withLabel("sandbox.edgewise.dev/deployment", deployment.getMetadata().getName())
        .list()
        .getItems();
  }

  static void setConnected(KubernetesClient client, String node, boolean connected) {
    client
        .nodes()
        .withName(node)
        .edit(
            n -> {
              n.getMetadata()
                  .getAnnotations()
                  .put(SimulatedNodes.CONNECTED_ANNOTATION, String.valueOf(connected));
              return n;
            });
  }
}
