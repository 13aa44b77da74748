package dev.edgewise.operator.deployment;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Objects;

/**
 * What a node's {@link dev.edgewise.operator.planner.NodeView} depends on: the node's resource
 * version, and the uid and phase of each pod bound to it, in order (a pod's requests cannot
 * change). {@link #matches} compares without allocating, since {@link NodeSnapshotCache} checks
 * every node of the cluster in every reconciliation.
 */
final class ViewKey {
  private final String resourceVersion;
  private final String[] podUids;
  private final String[] podPhases;

  private ViewKey(String resourceVersion, String[] podUids, String[] podPhases) {
    this.resourceVersion = resourceVersion;
    this.podUids = podUids;
    this.podPhases = podPhases;
  }

  static ViewKey of(Node node, List<Pod> pods) {
    String[] uids = new String[pods.size()];
    String[] phases = new String[pods.size()];
    for (int i = 0; i < uids.length; i++) {
      uids[i] = pods.get(i).getMetadata().getUid();
      phases[i] = phase(pods.get(i));
    }
    return new ViewKey(node.getMetadata().getResourceVersion(), uids, phases);
  }

  /** Whether the node and its pods are what this key was made of. */
  boolean matches(Node node, List<Pod> pods) {
    if (!Objects.equals(resourceVersion, node.getMetadata().getResourceVersion())
        || pods.size() != podUids.length) {
      return false;
    }
    for (int i = 0; i < podUids.length; i++) {
      Pod pod = pods.get(i);
      if (!Objects.equals(podUids[i], pod.getMetadata().getUid())
          || !Objects.equals(podPhases[i], phase(pod))) {
        return false;
      }
    }
    return true;
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }
}
