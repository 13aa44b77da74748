package dev.edgewise.operator.scale;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.Phase;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The load of the scale runs, the same on the sandbox ({@code make scale}) and on the real control
 * plane ({@code make scale-local}): a topology of zones of KubeEdge nodes, three EdgeNodePools over
 * them and ModelDeployments of 1-3 replicas spread over zones.
 */
public final class ScaleLoad {
  /** The pools' names: every edge node, the west half of the zones, the east half. */
  public static final List<String> POOLS = List.of("edge-all", "edge-west", "edge-east");

  private ScaleLoad() {}

  /**
   * {@code zones} zones of {@code nodesPerZone} KubeEdge nodes (the first half of the zones "west")
   * in the sandbox's {@code cluster.yaml} format, which the local cluster's topology tool reads
   * too.
   */
  public static String topology(int zones, int nodesPerZone) {
    StringBuilder yaml = new StringBuilder("nodeGroups:\n");
    for (int z = 0; z < zones; z++) {
      String zone = String.format("z%02d", z);
      int offset = z;
      List<String> latencies =
          IntStream.range(0, 10).mapToObj(i -> String.valueOf(2 + (i * 7 + offset) % 60)).toList();
      yaml.append(
          """
            - namePrefix: edge-%1$s
              count: %2$d
              labels:
                node-role.kubernetes.io/edge: ""
                node-role.kubernetes.io/agent: ""
                topology.kubernetes.io/zone: %1$s
                edgewise.dev/region: %3$s
              taints:
                - {key: node-role.kubernetes.io/edge, effect: NoSchedule}
              capacity: {cpu: "8", memory: 16Gi}
              latencyMs: [%4$s]
          """
              .formatted(
                  zone,
                  nodesPerZone,
                  z < zones / 2 ? "west" : "east",
                  String.join(", ", latencies)));
    }
    yaml.append("behaviour:\n  podStartMillis: 500\n  jobRunMillis: 2000\n");
    return yaml.toString();
  }

  /** The EdgeNodePool {@code POOLS.get(index)}. */
  public static String pool(int index) {
    String selector =
        index == 0
            ? "matchExpressions:\n      - {key: node-role.kubernetes.io/edge, operator: Exists}"
            : "matchLabels:\n      edgewise.dev/region: " + (index == 1 ? "west" : "east");
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata:
          name: %s
        spec:
          nodeSelector:
            %s
          edgePlatform: KubeEdge
          latencyLabel: edgewise.dev/latency-ms
          disconnectGracePeriod: 5m
          maxModelsPerNode: 4
        """
        .formatted(POOLS.get(index), selector);
  }

  /**
   * ModelDeployment {@code md-<index>} in {@code namespace}: replicas 1-3, a 20-50 ms latency
   * budget, spread over zones, in one of the three pools.
   */
  public static String modelDeployment(int index, String namespace) {
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata:
          name: md-%04d
          namespace: %s
        spec:
          model:
            uri: https://models.example.internal/scale/model-%04d.pt
            format: TorchScript
            sha256: 39e2bef28ce16435f0e3d2b6bef81d0c5b9655b9403fe7ae4fa3eb8feaf440cc
            version: v1
            inputs:
              - {name: input, datatype: FP32, shape: [-1, 64]}
            outputs:
              - {name: output, datatype: FP32, shape: [-1, 10]}
          placement:
            pools: [%s]
            maxLatencyMs: %d
            replicas: %d
            spreadBy: topology.kubernetes.io/zone
            resources:
              requests: {cpu: 100m, memory: 128Mi}
          collaboration:
            mode: EdgeOnly
        """
        .formatted(
            index, namespace, index, POOLS.get(index % 3), 20 + (index % 4) * 10, 1 + index % 3);
  }

  /** Ready, and for the current generation. */
  public static boolean readyForGeneration(ModelDeployment md) {
    return md.getStatus() != null
        && md.getStatus().getPhase() == Phase.Ready
        && md.getMetadata().getGeneration() != null
        && md.getMetadata().getGeneration().equals(md.getStatus().getObservedGeneration());
  }

  /** How many ModelDeployments are in each phase, such as {@code {Ready=10, RollingOut=3}}. */
  public static Map<String, Long> phases(List<ModelDeployment> items) {
    return items.stream()
        .collect(
            Collectors.groupingBy(
                md ->
                    md.getStatus() == null || md.getStatus().getPhase() == null
                        ? "none"
                        : String.valueOf(md.getStatus().getPhase()),
                TreeMap::new,
                Collectors.counting()));
  }
}
