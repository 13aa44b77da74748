package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CollaborationSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code spec.collaboration.mode: JointInference} adds to an edge runtime: the cloud runtime's
 * URL, the confidence threshold and offload budget when set, the cloud deadline and, with hard
 * example capture, a writable directory. EdgeOnly (or no collaboration) adds nothing, so those edge
 * templates stay exactly as they were.
 */
public final class JointInference {
  public static final String HARD_EXAMPLES_PATH = "/var/lib/edgewise/hard-examples";
  public static final String HARD_EXAMPLES_VOLUME = "hard-examples";
  public static final int DEFAULT_CLOUD_REPLICAS = 1;
  public static final int DEFAULT_CLOUD_DEADLINE_MS = 200;

  /** Size at which the runtime rotates its hard-examples file (the runtime's own default). */
  static final long HARD_EXAMPLES_MAX_BYTES = 64L * 1024 * 1024;

  /** Rotated hard-examples files the runtime keeps. */
  static final int HARD_EXAMPLES_MAX_BACKUPS = 1;

  /**
   * The emptyDir's size limit: the runtime keeps at most {@code (1 + backups) * max-bytes}; one
   * more file's worth of room means the kubelet never evicts a runtime for its own bounded log.
   */
  static final long HARD_EXAMPLES_SIZE_LIMIT =
      (2L + HARD_EXAMPLES_MAX_BACKUPS) * HARD_EXAMPLES_MAX_BYTES;

  private JointInference() {}

  /** Whether the ModelDeployment asks for joint inference. */
  public static boolean enabled(ModelDeployment md) {
    CollaborationSpec collaboration = md.getSpec().getCollaboration();
    return collaboration != null && collaboration.getMode() == CollaborationMode.JointInference;
  }

  /** Replicas of the cloud runtime: {@code spec.collaboration.cloudReplicas}, 1 when unset. */
  public static int cloudReplicas(ModelDeployment md) {
    Integer replicas = md.getSpec().getCollaboration().getCloudReplicas();
    return replicas == null ? DEFAULT_CLOUD_REPLICAS : replicas;
  }

  /**
   * The cloud runtime's Service as edge runtimes call it: {@code http://cloud-<md>.<ns>.svc:8080}.
   */
  public static String cloudUrl(ModelDeployment md) {
    return "http://"
        + WorkloadNames.cloudRuntime(md.getMetadata().getName())
        + "."
        + md.getMetadata().getNamespace()
        + ".svc:"
        + EdgeRuntimeDeployment.PORT;
  }

  /** The edge runtime's collaboration environment; empty unless joint inference. */
  public static List<EnvVar> edgeEnv(ModelDeployment md) {
    List<EnvVar> env = new ArrayList<>();
    if (!enabled(md)) {
      return env;
    }
    CollaborationSpec collaboration = md.getSpec().getCollaboration();
    env.add(new EnvVar(RuntimeEnv.COLLABORATION_CLOUD_URL, cloudUrl(md), null));
    if (collaboration.getConfidenceThreshold() != null) {
      env.add(
          new EnvVar(
              RuntimeEnv.COLLABORATION_CONFIDENCE_THRESHOLD,
              String.valueOf(collaboration.getConfidenceThreshold()),
              null));
    }
    if (collaboration.getOffloadBudgetPercent() != null) {
      env.add(
          new EnvVar(
              RuntimeEnv.COLLABORATION_OFFLOAD_BUDGET_PERCENT,
              String.valueOf(collaboration.getOffloadBudgetPercent()),
              null));
    }
    int deadline =
        collaboration.getCloudDeadlineMs() == null
            ? DEFAULT_CLOUD_DEADLINE_MS
            : collaboration.getCloudDeadlineMs();
    env.add(new EnvVar(RuntimeEnv.COLLABORATION_CLOUD_DEADLINE_MS, String.valueOf(deadline), null));
    if (capturesHardExamples(md)) {
      env.add(new EnvVar(RuntimeEnv.COLLABORATION_HARD_EXAMPLES_DIR, HARD_EXAMPLES_PATH, null));
      env.add(
          new EnvVar(
              RuntimeEnv.COLLABORATION_HARD_EXAMPLES_MAX_BYTES,
              String.valueOf(HARD_EXAMPLES_MAX_BYTES),
              null));
      env.add(
          new EnvVar(
              RuntimeEnv.COLLABORATION_HARD_EXAMPLES_MAX_BACKUPS,
              String.valueOf(HARD_EXAMPLES_MAX_BACKUPS),
              null));
    }
    return env;
  }

  /**
   * The hard-examples emptyDir of an edge runtime that captures them, sized for the files the
   * runtime rotates ({@link #HARD_EXAMPLES_SIZE_LIMIT}); else none.
   */
  public static List<Volume> edgeVolumes(ModelDeployment md) {
    if (!capturesHardExamples(md)) {
      return List.of();
    }
    return List.of(
        new VolumeBuilder()
            .withName(HARD_EXAMPLES_VOLUME)
            .withNewEmptyDir()
            .withSizeLimit(new Quantity(String.valueOf(HARD_EXAMPLES_SIZE_LIMIT)))
            .endEmptyDir()
            .build());
  }

  /** Where that emptyDir is mounted (the root filesystem stays read-only); else nothing. */
  public static List<VolumeMount> edgeMounts(ModelDeployment md) {
    if (!capturesHardExamples(md)) {
      return List.of();
    }
    return List.of(
        new VolumeMountBuilder()
            .withName(HARD_EXAMPLES_VOLUME)
            .withMountPath(HARD_EXAMPLES_PATH)
            .build());
  }

  private static boolean capturesHardExamples(ModelDeployment md) {
    return enabled(md)
        && Boolean.TRUE.equals(md.getSpec().getCollaboration().getCaptureHardExamples());
  }
}
