package dev.edgewise.operator.deployment;

import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What the runtime Deployments of one ModelDeployment run, by node; pure. */
public final class RuntimeFleet {
  private RuntimeFleet() {}

  public static Map<String, RunningRuntime> of(List<Deployment> deployments) {
    Map<String, RunningRuntime> byNode = new LinkedHashMap<>();
    for (Deployment deployment : deployments) {
      Map<String, String> labels = deployment.getMetadata().getLabels();
      if (labels == null || labels.get(WorkloadLabels.NODE) == null) {
        continue;
      }
      byNode.put(
          labels.get(WorkloadLabels.NODE),
          new RunningRuntime(
              labels.get(WorkloadLabels.NODE),
              labels.get(WorkloadLabels.MODEL_VERSION),
              isReady(deployment)));
    }
    return byNode;
  }

  /**
   * Ready on its current template, as {@code kubectl rollout status} judges it: the Deployment
   * controller saw its generation, every replica runs the current template, none of an older one is
   * left, and they are all ready. During a rolling update the old pod stays ready beside the new
   * one, so a ready replica alone says nothing about the new version.
   */
  static boolean isReady(Deployment deployment) {
    var status = deployment.getStatus();
    if (status == null
        || !Objects.equals(
            status.getObservedGeneration(), deployment.getMetadata().getGeneration())) {
      return false;
    }
    Integer replicas = deployment.getSpec() == null ? null : deployment.getSpec().getReplicas();
    int wanted = replicas == null ? 1 : replicas;
    int updated = orZero(status.getUpdatedReplicas());
    return wanted >= 1
        && updated >= wanted
        && orZero(status.getReplicas()) <= updated
        && orZero(status.getReadyReplicas()) >= updated;
  }

  private static int orZero(Integer count) {
    return count == null ? 0 : count;
  }
}
