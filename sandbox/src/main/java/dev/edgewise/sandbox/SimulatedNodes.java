package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the Node objects of a {@link ClusterTopology} and their connected/disconnected states. */
public final class SimulatedNodes {
  /** Annotation that disconnects ("false") or reconnects ("true") a sandbox node. */
  public static final String CONNECTED_ANNOTATION = "sandbox.edgewise.dev/connected";

  /** Taint the node lifecycle controller puts on an unreachable node. */
  public static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

  private SimulatedNodes() {}

  /** Every node of the topology, Ready. */
  public static List<Node> build(ClusterTopology topology, Instant now) {
    List<Node> nodes = new ArrayList<>();
    for (ClusterTopology.NodeGroup group : topology.nodeGroups()) {
      for (int i = 0; i < group.count(); i++) {
        nodes.add(node(group, i, now));
      }
    }
    return nodes;
  }

  private static Node node(ClusterTopology.NodeGroup group, int index, Instant now) {
    String name = group.namePrefix() + "-" + (index + 1);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", "amd64");
    labels.putAll(group.labels());
    if (!group.latencyMs().isEmpty()) {
      labels.put(
          "edgewise.dev/latency-ms",
          String.valueOf(group.latencyMs().get(index % group.latencyMs().size())));
    }
    Map<String, Quantity> capacity = new LinkedHashMap<>();
    group.capacity().forEach((k, v) -> capacity.put(k, new Quantity(v)));
    capacity.putIfAbsent("pods", new Quantity("110"));
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTaints(group.taints())
        .endSpec()
        .withNewStatus()
        .withCapacity(capacity)
        .withAllocatable(capacity)
        .withConditions(readyCondition(true, now))
        .withNewNodeInfo()
        .withArchitecture("amd64")
        .withOperatingSystem("linux")
        .withKubeletVersion("v1.32.0-sandbox")
        .endNodeInfo()
        .endStatus()
        .build();
  }

  /** The node's Ready condition as the node lifecycle controller writes it. */
  public static NodeCondition readyCondition(boolean connected, Instant now) {
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus(connected ? "True" : "Unknown")
        .withReason(connected ? "KubeletReady" : "NodeStatusUnknown")
        .withMessage(
            connected ? "kubelet is posting ready status" : "Kubelet stopped posting node status.")
        .withLastHeartbeatTime(now.toString())
        .withLastTransitionTime(now.toString())
        .build();
  }

  /** The unreachable taint added while a node is disconnected. */
  public static Taint unreachableTaint(Instant now) {
    return new TaintBuilder()
        .withKey(UNREACHABLE_TAINT)
        .withEffect("NoExecute")
        .withTimeAdded(now.toString())
        .build();
  }
}
