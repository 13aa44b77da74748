package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;

/**
 * The Deployment that serves a ModelDeployment's full model in the cloud for joint inference:
 * {@code cloud-<md>} (see {@link WorkloadNames#cloudRuntime}), {@code
 * spec.collaboration.cloudReplicas} replicas of the edge-runtime image with the same probes and
 * restricted Pod Security as the edge runtimes, on cloud nodes only (required affinity away from
 * KubeEdge and OpenYurt edge nodes, no edge tolerations), labelled {@code edgewise.dev/role:
 * cloud}. It gets the operator's default runtime resources: {@code spec.placement.resources} sizes
 * the compressed edge model, not this one.
 */
public final class CloudRuntimeDeployment {
  private CloudRuntimeDeployment() {}

  /**
   * The cloud runtime Deployment.
   *
   * @param md a ModelDeployment in JointInference mode
   * @param settings operator configuration (image, cache size, default resources)
   * @param modelVersion version the runtime serves
   * @param uri artifact the runtime downloads ({@link #modelUri})
   * @param sha256 the artifact's digest, or null when unknown
   */
  public static Deployment build(
      ModelDeployment md,
      RuntimeSettings settings,
      String modelVersion,
      String uri,
      String sha256) {
    PodSpec pod =
        EdgeRuntimeDeployment.pod(
                EdgeRuntimeDeployment.container(
                    md,
                    settings,
                    new EdgeRuntimeDeployment.ServedModel(modelVersion, uri, sha256),
                    Objects.requireNonNullElseGet(
                        settings.defaultRuntimeResources(), ResourceRequirements::new),
                    List.of(),
                    List.of()),
                EdgeRuntimeDeployment.volumes(settings, uri, List.of()))
            .withAffinity(NodeAffinities.onCloudNodes())
            .build();
    return EdgeRuntimeDeployment.deployment(
        md,
        WorkloadNames.cloudRuntime(md.getMetadata().getName()),
        WorkloadLabels.cloudRuntime(md, modelVersion),
        null,
        WorkloadLabels.cloudRuntimeSelector(md),
        JointInference.cloudReplicas(md),
        pod);
  }

  /**
   * The artifact the cloud serves: {@code spec.collaboration.cloudModelUri} when set, else the
   * uncompressed artifact (the one that went into compression), or null while that is not known.
   *
   * @param md a ModelDeployment in JointInference mode
   * @param uncompressedUri the training output or {@code spec.model.uri}; null while training
   */
  public static String modelUri(ModelDeployment md, String uncompressedUri) {
    String cloudModelUri = md.getSpec().getCollaboration().getCloudModelUri();
    return cloudModelUri != null ? cloudModelUri : uncompressedUri;
  }
}
