package dev.edgewise.bench;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import dev.edgewise.operator.planner.NodeLabels;
import dev.edgewise.operator.planner.NodeView;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A reproducible cluster for the planner benchmarks: 90% KubeEdge nodes (tainted, in pool {@code
 * edge}) and 10% cloud nodes (pool {@code cloud}), over 10 zones, latency 1 to 100 ms, 3% NotReady,
 * 2% with an extra untolerated taint, and CPU and memory already partly requested.
 */
final class SyntheticCluster {
  static final long GIB = 1024L * 1024 * 1024;
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private SyntheticCluster() {}

  static List<NodeView> nodes(int count, long seed) {
    Random random = new Random(seed);
    Taint edgeTaint =
        new TaintBuilder().withKey(NodeLabels.KUBEEDGE_EDGE).withEffect("NoSchedule").build();
    Taint dedicated =
        new TaintBuilder().withKey("dedicated").withValue("other").withEffect("NoSchedule").build();
    List<NodeView> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean edge = random.nextInt(10) != 0;
      boolean ready = random.nextInt(100) >= 3;
      String zone = "zone-" + random.nextInt(10);
      double latency = 1 + random.nextInt(100);
      Map<String, String> labels = new HashMap<>();
      labels.put(NodeLabels.ZONE, zone);
      labels.put(NodeLabels.DEFAULT_LATENCY, String.valueOf(latency));
      labels.put(NodeLabels.ARCH, random.nextBoolean() ? "arm64" : "amd64");
      List<Taint> taints = new ArrayList<>();
      if (edge) {
        labels.put(NodeLabels.KUBEEDGE_EDGE, "");
        taints.add(edgeTaint);
      }
      if (random.nextInt(50) == 0) {
        taints.add(dedicated);
      }
      long cpuAllocatable = edge ? 4000 : 16000;
      long memoryAllocatable = edge ? 8 * GIB : 64 * GIB;
      nodes.add(
          new NodeView(
              String.format("node-%05d", i),
              labels,
              ready,
              ready ? null : NOW.minusSeconds(random.nextInt(600)),
              edge ? EdgePlatform.KubeEdge : EdgePlatform.None,
              latency,
              zone,
              cpuAllocatable,
              (long) (cpuAllocatable * random.nextDouble()),
              memoryAllocatable,
              (long) (memoryAllocatable * random.nextDouble()),
              0,
              0,
              null,
              null,
              taints,
              labels.get(NodeLabels.ARCH),
              Set.of(edge ? "edge" : "cloud")));
    }
    return nodes;
  }
}
