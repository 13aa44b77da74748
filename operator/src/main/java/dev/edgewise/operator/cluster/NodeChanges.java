package dev.edgewise.operator.cluster;

/**
 * Told by the node and pod informers what changed in a way that matters to a node's capacity view:
 * a node's labels, taints, capacity or readiness, or a pod bound to it starting, ending or leaving.
 * Called on the informer's thread after its cache holds the change and before the change triggers
 * any reconciliation.
 */
public interface NodeChanges {
  /** The node's view, or the pods bound to it, changed. */
  void nodeChanged(String node);

  /** A node joined or left the cluster. */
  void nodesAddedOrRemoved();
}
