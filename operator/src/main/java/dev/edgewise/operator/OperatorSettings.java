package dev.edgewise.operator;

import dev.edgewise.operator.workload.RuntimeSettings;
import io.fabric8.kubernetes.api.model.Quantity;
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

  /** Edge runtime settings. */
  interface Runtime {
    /** Image of the edge runtime; it also runs the compress command in compression Jobs. */
    @WithDefault("edgewise-edge-runtime:0.1.0-SNAPSHOT")
    String image();

    /** Pull policy of the edge runtime image. */
    @WithDefault("IfNotPresent")
    String pullPolicy();

    /** Size limit of the node-local model cache. */
    @WithDefault("2Gi")
    String modelCacheSize();
  }

  /** Artifact storage. */
  interface Artifacts {
    /** PersistentVolumeClaim compression Jobs write to; none means an emptyDir (sandbox). */
    Optional<String> claim();
  }

  /** The settings the workload builders take. */
  default RuntimeSettings workloads() {
    return new RuntimeSettings(
        runtime().image(),
        runtime().pullPolicy(),
        new Quantity(runtime().modelCacheSize()),
        artifacts().claim().orElse(null));
  }
}
