package dev.edgewise.operator;

import dev.edgewise.operator.workload.RuntimeSettings;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The operator's own configuration ({@code edgewise.*}; environment variables such as {@code
 * EDGEWISE_RUNTIME_IMAGE} work too).
 */
@ConfigMapping(prefix = "edgewise")
public interface OperatorSettings {

  /** The edge runtime's image and pull policy. */
  Runtime runtime();

  /** Where compression Jobs write artifacts. */
  Artifacts artifacts();

  /** Leader election, for more than one operator replica. */
  LeaderElection leaderElection();

  /**
   * Write owned objects with server-side apply, so the fields other actors own, such as the status
   * the Deployment controller writes, never conflict with the operator's. Off only against an API
   * server without it (the sandbox's mock server).
   */
  @WithDefault("true")
  boolean serverSideApply();

  /** Leader election settings. */
  interface LeaderElection {
    /** Elect one active replica through a Lease (the Helm chart turns it on above one replica). */
    @WithDefault("false")
    boolean enabled();

    /** Name of the Lease, in the operator's namespace. */
    @WithDefault("edgewise-operator")
    String leaseName();

    /**
     * The name this replica holds the Lease under: its pod's name ({@code POD_NAME}, which the
     * chart sets), so that the Lease says which pod leads; unset, JOSDK uses the host name.
     */
    Optional<String> identity();
  }

  /** Edge runtime settings. */
  interface Runtime {
    /** Image of the edge runtime; it also runs the compress command in compression Jobs. */
    @WithDefault("edgewise-edge-runtime:0.1.0-SNAPSHOT")
    String image();

    /** Pull policy of the edge runtime image. */
    @WithDefault("IfNotPresent")
    String imagePullPolicy();

    /** CPU request of a runtime whose ModelDeployment sets no resources. */
    Optional<String> cpuRequest();

    /** Memory request of a runtime whose ModelDeployment sets no resources. */
    Optional<String> memoryRequest();

    /** CPU limit of a runtime whose ModelDeployment sets no resources. */
    Optional<String> cpuLimit();

    /** Memory limit of a runtime whose ModelDeployment sets no resources. */
    Optional<String> memoryLimit();

    /** Size limit of the node-local model cache. */
    @WithDefault("2Gi")
    String modelCacheSize();
  }

  /** Artifact storage. */
  interface Artifacts {
    /** PersistentVolumeClaim compression Jobs write to; none means an emptyDir (sandbox). */
    Optional<String> claim();
  }

  /** Resources of a runtime whose ModelDeployment sets none; empty when none are configured. */
  default Optional<ResourceRequirements> defaultRuntimeResources() {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    runtime().cpuRequest().ifPresent(v -> builder.addToRequests("cpu", new Quantity(v)));
    runtime().memoryRequest().ifPresent(v -> builder.addToRequests("memory", new Quantity(v)));
    runtime().cpuLimit().ifPresent(v -> builder.addToLimits("cpu", new Quantity(v)));
    runtime().memoryLimit().ifPresent(v -> builder.addToLimits("memory", new Quantity(v)));
    ResourceRequirements resources = builder.build();
    boolean none =
        (resources.getRequests() == null || resources.getRequests().isEmpty())
            && (resources.getLimits() == null || resources.getLimits().isEmpty());
    return none ? Optional.empty() : Optional.of(resources);
  }

  /** The settings the workload builders take. */
  default RuntimeSettings workloads() {
    return new RuntimeSettings(
        runtime().image(),
        runtime().imagePullPolicy(),
        new Quantity(runtime().modelCacheSize()),
        artifacts().claim().orElse(null),
        defaultRuntimeResources().orElse(null));
  }
}
