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

  /** Ready on its current template: the Deployment saw its generation and has a ready replica. */
  static boolean isReady(Deployment deployment) {
    var status = deployment.getStatus();
    return status != null
        && Objects.equals(status.getObservedGeneration(), deployment.getMetadata().getGeneration())
        && status.getReadyReplicas() != null
        && status.getReadyReplicas() >= 1
        && status.getUpdatedReplicas() != null
        && status.getUpdatedReplicas() >= 1;
  }
}
