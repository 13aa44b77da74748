package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.EdgePlatform;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Concise {@link NodeView}s for tests: a ready 4-core, 8 GiB cloud node unless told otherwise. */
final class TestNodes {
  static final long GIB = 1024L * 1024 * 1024;
  static final long MIB = 1024L * 1024;

  private String name;
  private final Map<String, String> labels = new HashMap<>();
  private boolean ready = true;
  private Instant notReadySince;
  private EdgePlatform platform = EdgePlatform.None;
  private Double latencyMs;
  private long cpuAllocatable = 4000;
  private long cpuFree = 4000;
  private long memoryAllocatable = 8 * GIB;
  private long memoryFree = 8 * GIB;
  private long gpusAllocatable;
  private long gpusFree;
  private String gpuProduct;
  private Long gpuMemoryMiB;
  private final List<Taint> taints = new ArrayList<>();
  private Set<String> pools = Set.of("edge");

  private TestNodes(String name) {
    this.name = name;
  }

  static TestNodes node(String name) {
    return new TestNodes(name);
  }

  static Taint taint(String key, String value, String effect) {
    return new TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
  }

  TestNodes label(String key, String value) {
    labels.put(key, value);
    return this;
  }

  TestNodes zone(String zone) {
    return label(NodeLabels.ZONE, zone);
  }

  TestNodes latency(double ms) {
    this.latencyMs = ms;
    return this;
  }

  TestNodes notReadySince(Instant since) {
    this.ready = false;
    this.notReadySince = since;
    return this;
  }

  TestNodes kubeEdge() {
    this.platform = EdgePlatform.KubeEdge;
    labels.put(NodeLabels.KUBEEDGE_EDGE, "");
    return taint(taint(NodeLabels.KUBEEDGE_EDGE, null, "NoSchedule"));
  }

  TestNodes taint(Taint taint) {
    taints.add(taint);
    return this;
  }

  TestNodes cpu(long allocatableMillis, long freeMillis) {
    this.cpuAllocatable = allocatableMillis;
    this.cpuFree = freeMillis;
    return this;
  }

  TestNodes memory(long allocatableBytes, long freeBytes) {
    this.memoryAllocatable = allocatableBytes;
    this.memoryFree = freeBytes;
    return this;
  }

  TestNodes gpus(long allocatable, long free, String product, Long memoryMiB) {
    this.gpusAllocatable = allocatable;
    this.gpusFree = free;
    this.gpuProduct = product;
    this.gpuMemoryMiB = memoryMiB;
    return this;
  }

  TestNodes pools(String... names) {
    this.pools = Set.of(names);
    return this;
  }

  NodeView build() {
    return new NodeView(
        name,
        labels,
        ready,
        notReadySince,
        platform,
        latencyMs,
        labels.get(NodeLabels.ZONE),
        cpuAllocatable,
        cpuFree,
        memoryAllocatable,
        memoryFree,
        gpusAllocatable,
        gpusFree,
        gpuProduct,
        gpuMemoryMiB,
        taints,
        labels.get(NodeLabels.ARCH),
        pools);
  }
}
