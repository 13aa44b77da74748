package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.operator.workload.CloudRuntimeDeployment;
import dev.edgewise.operator.workload.JointInference;
import dev.edgewise.operator.workload.ModelService;
import dev.edgewise.operator.workload.RuntimeEnv;
import dev.edgewise.operator.workload.RuntimeSettings;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The joint-inference step: decides the cloud runtime ({@code cloud-<md>} Deployment and Service)
 * from the spec and the uncompressed artifact, and reads what it reports for {@code status.cloud}.
 * Pure; the reconciler applies the decision.
 */
public final class CloudRuntimeStage {
  private CloudRuntimeStage() {}

  /** What becomes of the cloud runtime. */
  public enum Action {
    /** Create or update the Deployment and Service given. */
    APPLY,
    /** Leave what exists: the full model of the wanted version is not known yet (training). */
    KEEP,
    /** Delete the cloud runtime's Deployment and Service: the mode is not JointInference. */
    REMOVE
  }

  /**
   * The decision.
   *
   * @param action what to do
   * @param deployment the desired Deployment, with APPLY
   * @param service the desired Service, with APPLY
   */
  public record Decision(Action action, Deployment deployment, Service service) {}

  /**
   * Decides the cloud runtime.
   *
   * @param md the ModelDeployment
   * @param uncompressed the artifact that goes into compression (the training output or {@code
   *     spec.model.uri}), null while training runs or failed
   * @param settings operator configuration
   */
  public static Decision decide(
      ModelDeployment md, ArtifactStatus uncompressed, RuntimeSettings settings) {
    if (!JointInference.enabled(md)) {
      return new Decision(Action.REMOVE, null, null);
    }
    String version = md.getSpec().getModel().getVersion();
    String cloudModelUri = md.getSpec().getCollaboration().getCloudModelUri();
    if (cloudModelUri != null) {
      return apply(md, CloudRuntimeDeployment.build(md, settings, version, cloudModelUri, null));
    }
    if (uncompressed == null || uncompressed.getUri() == null) {
      return new Decision(Action.KEEP, null, null);
    }
    return apply(
        md,
        CloudRuntimeDeployment.build(
            md, settings, version, uncompressed.getUri(), uncompressed.getDigest()));
  }

  private static Decision apply(ModelDeployment md, Deployment deployment) {
    return new Decision(Action.APPLY, deployment, ModelService.cloud(md));
  }

  /**
   * {@code status.cloud}: the endpoint, the artifact and the replicas of the cloud runtime; null
   * unless joint inference.
   *
   * @param md the ModelDeployment
   * @param decision this reconciliation's decision
   * @param observed the cloud runtime Deployments the informer holds (at most one)
   */
  public static CloudRuntimeStatus status(
      ModelDeployment md, Decision decision, List<Deployment> observed) {
    if (!JointInference.enabled(md)) {
      return null;
    }
    Optional<Deployment> current = observed.stream().findFirst();
    CloudRuntimeStatus status = new CloudRuntimeStatus();
    status.setEndpoint(JointInference.cloudUrl(md));
    status.setModelUri(
        Optional.ofNullable(decision.deployment())
            .or(() -> current)
            .map(CloudRuntimeStage::modelUri)
            .orElse(null));
    status.setReplicas(JointInference.cloudReplicas(md));
    status.setReadyReplicas(
        current
            .map(Deployment::getStatus)
            .map(s -> Objects.requireNonNullElse(s.getReadyReplicas(), 0))
            .orElse(0));
    return status;
  }

  private static String modelUri(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
        .filter(e -> RuntimeEnv.MODEL_URI.equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst()
        .orElse(null);
  }
}
