package dev.edgewise.operator.deployment;

import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many Edgewise runtime Deployments each node has, kept up to date by the runtime informer's
 * events, for pools that cap the models per node. Counting every runtime Deployment of the cluster
 * in each reconciliation took a tenth of the operator's CPU at 1,000 ModelDeployments. A runtime
 * Deployment never changes node (the node is in its name), so adds and deletes are enough.
 */
final class RuntimesPerNode implements ResourceEventHandler<Deployment> {
  private final Map<String, Integer> counts = new ConcurrentHashMap<>();
  private volatile Map<String, Integer> snapshot = Map.of();
  private volatile boolean changed;

  @Override
  public void onAdd(Deployment deployment) {
    String node = node(deployment);
    if (node != null) {
      counts.merge(node, 1, Integer::sum);
      changed = true;
    }
  }

  @Override
  public void onUpdate(Deployment before, Deployment now) {
    if (!Objects.equals(node(before), node(now))) {
      onDelete(before, false);
      onAdd(now);
    }
  }

  @Override
  public void onDelete(Deployment deployment, boolean deletedFinalStateUnknown) {
    String node = node(deployment);
    if (node != null) {
      counts.computeIfPresent(node, (n, count) -> count > 1 ? count - 1 : null);
      changed = true;
    }
  }

  /** Runtime Deployments per node other than {@code own} (a ModelDeployment's own runtimes). */
  Map<String, Integer> excluding(List<Deployment> own) {
    Map<String, Integer> all = snapshot();
    if (own.isEmpty()) {
      return all;
    }
    Map<String, Integer> others = new HashMap<>(all);
    for (Deployment deployment : own) {
      String node = node(deployment);
      if (node != null) {
        others.computeIfPresent(node, (n, count) -> count > 1 ? count - 1 : null);
      }
    }
    return others;
  }

  /** Every runtime Deployment per node, as an immutable map taken after the last change. */
  private Map<String, Integer> snapshot() {
    if (changed) {
      changed = false;
      snapshot = Map.copyOf(counts);
    }
    return snapshot;
  }

  private static String node(Deployment deployment) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels == null ? null : labels.get(WorkloadLabels.NODE);
  }
}
