package dev.edgewise.operator.workload;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Operator configuration the workload builders need.
 *
 * @param edgeRuntimeImage image of the edge runtime (serves models, and runs the compress command)
 * @param imagePullPolicy pull policy of the operator's images ({@code IfNotPresent} by default)
 * @param modelCacheSize size limit of the node-local model cache volume
 * @param artifactsClaim PersistentVolumeClaim mounted at {@code /artifacts} by compression Jobs;
 *     null mounts an emptyDir (the sandbox)
 * @param defaultRuntimeResources resources of a runtime whose ModelDeployment sets none; null for
 *     none
 */
public record RuntimeSettings(
    String edgeRuntimeImage,
    String imagePullPolicy,
    Quantity modelCacheSize,
    String artifactsClaim,
    ResourceRequirements defaultRuntimeResources) {

  /** Settings without default runtime resources. */
  public RuntimeSettings(
      String edgeRuntimeImage,
      String imagePullPolicy,
      Quantity modelCacheSize,
      String artifactsClaim) {
    this(edgeRuntimeImage, imagePullPolicy, modelCacheSize, artifactsClaim, null);
  }

  /** Settings with the given image and the defaults for the rest. */
  public static RuntimeSettings defaults(String edgeRuntimeImage) {
    return new RuntimeSettings(edgeRuntimeImage, "IfNotPresent", new Quantity("2Gi"), null);
  }
}
