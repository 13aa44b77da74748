package dev.edgewise.operator.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read access to the cluster's nodes and the pods bound to them: whole, for a full pass, or one
 * node at a time, for work that only needs the nodes that changed. Backed by the informers' caches
 * ({@link NodeInventory#nodesAndPods}) or by plain lists in tests ({@link #of}).
 */
public interface NodesAndPods {

  /** Every node. */
  List<Node> nodes();

  /** The pods bound to each node, by node name; nodes without pods are absent. */
  Map<String, List<Pod>> podsByNode();

  /** The node of that name, if it exists. */
  Optional<Node> node(String name);

  /** The pods bound to the node of that name. */
  List<Pod> podsOn(String node);

  /** Fixed nodes and pods, for tests and tools. */
  static NodesAndPods of(List<Node> nodes, Map<String, List<Pod>> podsByNode) {
    return new NodesAndPods() {
      @Override
      public List<Node> nodes() {
        return nodes;
      }

      @Override
      public Map<String, List<Pod>> podsByNode() {
        return podsByNode;
      }

      @Override
      public Optional<Node> node(String name) {
        return nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst();
      }

      @Override
      public List<Pod> podsOn(String node) {
        return podsByNode.getOrDefault(node, List.of());
      }
    };
  }
}
