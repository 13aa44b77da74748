package dev.edgewise.e2e.harness;

/** YAML of the pools and ModelDeployments the scenarios create, on their own node groups. */
public final class Manifests {
  /** The student model of the samples. */
  public static final String MODEL_URI = "https://models.example.internal/digits/student-v1.pt";

  private Manifests() {}

  /**
   * A KubeEdge pool over the nodes of {@code e2e-cluster.yaml}'s group {@code group}, keeping a
   * disconnected node's placements for {@code grace}.
   */
  public static String pool(String group, String grace) {
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata: {name: e2e-%1$s}
        spec:
          nodeSelector: {matchLabels: {e2e.edgewise.dev/group: %1$s}}
          edgePlatform: KubeEdge
          disconnectGracePeriod: %2$s
        """
        .formatted(group, grace);
  }

  /**
   * An edge-only ModelDeployment of {@code replicas} runtimes on pool {@code e2e-<group>}, rolled
   * out as a canary through {@code steps} (e.g. {@code [50, 100]}), each step given {@code
   * stepDeadline}, promoted automatically or not.
   */
  public static String model(
      String name,
      String group,
      int replicas,
      String version,
      String steps,
      String stepDeadline,
      boolean autoPromote) {
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata: {name: %1$s}
        spec:
          model: {uri: "%7$s", format: TorchScript, version: %4$s}
          placement:
            pools: [e2e-%2$s]
            replicas: %3$d
            resources: {requests: {cpu: 100m, memory: 128Mi}}
          rollout: {strategy: Canary, steps: %5$s, stepDeadline: %6$s, autoPromote: %8$s}
        """
        .formatted(name, group, replicas, version, steps, stepDeadline, MODEL_URI, autoPromote);
  }
}
