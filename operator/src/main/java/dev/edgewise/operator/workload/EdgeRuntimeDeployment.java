package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelFormat;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PoolSettings;
import dev.edgewise.operator.planner.Tolerations;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Deployment that runs one ModelDeployment's edge runtime on one chosen node: one replica,
 * pinned to the node, tolerating the pool's taints and, for the pool's disconnect grace period, the
 * node lifecycle taints (so a disconnected edge node keeps its runtime), with OIP v2 health probes
 * and the restricted Pod Security profile. With joint inference its runtime also learns where the
 * cloud model answers ({@link JointInference}). The Deployment, pod and container pieces here are
 * shared with the {@link CloudRuntimeDeployment}.
 */
public final class EdgeRuntimeDeployment {
  public static final String CONTAINER = "edge-runtime";
  public static final int PORT = 8080;
  public static final String PORT_NAME = "http";
  public static final String READY_PATH = "/v2/health/ready";
  public static final String LIVE_PATH = "/v2/health/live";
  public static final String MODEL_CACHE_PATH = "/var/cache/edgewise";
  public static final String NODE_ANNOTATION = "edgewise.dev/node";

  private EdgeRuntimeDeployment() {}

  /**
   * The model a runtime serves.
   *
   * @param version model version
   * @param uri artifact the runtime downloads
   * @param sha256 the artifact's digest, or null when unknown
   */
  record ServedModel(String version, String uri, String sha256) {}

  /**
   * The runtime Deployment.
   *
   * @param md the ModelDeployment
   * @param placement the planner's placement (node and pool)
   * @param pool settings of the placement's pool (tolerations, grace period)
   * @param settings operator configuration (image, cache size)
   * @param modelVersion version the runtime serves
   * @param uri artifact the runtime downloads
   * @param sha256 the artifact's digest, or null when unknown
   */
  public static Deployment build(
      ModelDeployment md,
      Placement placement,
      PoolSettings pool,
      RuntimeSettings settings,
      String modelVersion,
      String uri,
      String sha256) {
    String mdName = md.getMetadata().getName();
    Map<String, String> labels =
        WorkloadLabels.runtime(md, placement.node(), placement.pool(), modelVersion);
    Map<String, String> annotations = Map.of(NODE_ANNOTATION, placement.node());
    ResourceRequirements resources =
        Optional.ofNullable(md.getSpec().getPlacement().getResources())
            .or(() -> Optional.ofNullable(settings.defaultRuntimeResources()))
            .orElseGet(ResourceRequirements::new);
    PodSpec pod =
        pod(
                container(
                    md,
                    settings,
                    new ServedModel(modelVersion, uri, sha256),
                    resources,
                    JointInference.edgeEnv(md),
                    JointInference.edgeMounts(md)),
                volumes(settings, uri, JointInference.edgeVolumes(md)))
            .withAffinity(NodeAffinities.onNode(placement.node()))
            .withTolerations(tolerations(pool))
            .build();
    return deployment(
        md,
        WorkloadNames.runtimeDeployment(mdName, placement.node()),
        labels,
        annotations,
        WorkloadLabels.runtimeNodeSelector(md, placement.node()),
        1,
        pod);
  }

  /**
   * A runtime Deployment of the ModelDeployment around a pod spec: owned by it, labelled alike with
   * its pods, and updated surge first (a new pod is ready before the old one goes).
   */
  static Deployment deployment(
      ModelDeployment md,
      String name,
      Map<String, String> labels,
      Map<String, String> annotations,
      Map<String, String> selector,
      int replicas,
      PodSpec pod) {
    return new DeploymentBuilder()
        .withMetadata(
            OwnerReferences.ownedMetadata(md, name, labels).withAnnotations(annotations).build())
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withNewStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(new IntOrString(1))
        .withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate()
        .endStrategy()
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withSpec(pod)
        .endTemplate()
        .endSpec()
        .build();
  }

  /**
   * The runtime pod, not yet placed: restricted Pod Security, no service account token or service
   * links, the container and its volumes. The caller adds affinity and tolerations.
   */
  static PodSpecBuilder pod(Container container, List<Volume> volumes) {
    return new PodSpecBuilder()
        .withSecurityContext(PodSecurity.pod())
        .withAutomountServiceAccountToken(false)
        .withEnableServiceLinks(false)
        .withContainers(container)
        .withVolumes(volumes);
  }

  /** The pool's tolerations and the node lifecycle taints tolerated for the grace period. */
  static List<Toleration> tolerations(PoolSettings pool) {
    List<Toleration> tolerations = new ArrayList<>(pool.tolerations());
    long graceSeconds = pool.disconnectGracePeriod().toSeconds();
    for (String key : List.of(Tolerations.UNREACHABLE_TAINT, Tolerations.NOT_READY_TAINT)) {
      tolerations.add(
          new TolerationBuilder()
              .withKey(key)
              .withOperator("Exists")
              .withEffect(Tolerations.NO_EXECUTE)
              .withTolerationSeconds(graceSeconds)
              .build());
    }
    return tolerations;
  }

  /**
   * The runtime container serving one model: OIP v2 port and probes, the model in its environment
   * (then {@code extraEnv}), the model cache and {@code /tmp} mounted (then {@code extraMounts}).
   */
  static Container container(
      ModelDeployment md,
      RuntimeSettings settings,
      ServedModel model,
      ResourceRequirements resources,
      List<EnvVar> extraEnv,
      List<VolumeMount> extraMounts) {
    ModelFormat format = md.getSpec().getModel().getFormat();
    List<EnvVar> env = new ArrayList<>();
    env.add(new EnvVar(RuntimeEnv.MODEL_NAME, md.getMetadata().getName(), null));
    env.add(new EnvVar(RuntimeEnv.MODEL_VERSION, model.version(), null));
    env.add(new EnvVar(RuntimeEnv.MODEL_URI, model.uri(), null));
    if (model.sha256() != null) {
      env.add(new EnvVar(RuntimeEnv.MODEL_SHA256, model.sha256(), null));
    }
    env.add(
        new EnvVar(
            RuntimeEnv.MODEL_FORMAT,
            (format == null ? ModelFormat.TorchScript : format).name(),
            null));
    env.add(new EnvVar(RuntimeEnv.CACHE_DIR, MODEL_CACHE_PATH, null));
    env.addAll(extraEnv);
    List<VolumeMount> mounts = mounts(model.uri());
    mounts.addAll(extraMounts);
    return new ContainerBuilder()
        .withName(CONTAINER)
        .withImage(settings.edgeRuntimeImage())
        .withImagePullPolicy(settings.imagePullPolicy())
        .addNewPort()
        .withName(PORT_NAME)
        .withContainerPort(PORT)
        .withProtocol("TCP")
        .endPort()
        .withEnv(env)
        .withResources(resources)
        .withReadinessProbe(probe(READY_PATH, 5, 3))
        .withLivenessProbe(probe(LIVE_PATH, 10, 3))
        .withStartupProbe(probe(LIVE_PATH, 5, 120))
        .withSecurityContext(PodSecurity.container())
        .withVolumeMounts(mounts)
        .build();
  }

  /** An HTTP probe on the runtime's port; the startup probe allows a long model download. */
  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withPort(new IntOrString(PORT_NAME))
        .endHttpGet()
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** /tmp, the model cache, the claim of a pvc:// artifact (read-only), then {@code extra}. */
  static List<Volume> volumes(RuntimeSettings settings, String uri, List<Volume> extra) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    volumes.add(
        new VolumeBuilder()
            .withName("model-cache")
            .withNewEmptyDir()
            .withSizeLimit(settings.modelCacheSize())
            .endEmptyDir()
            .build());
    PvcUri.parse(uri).ifPresent(pvc -> volumes.add(pvc.volume(true)));
    volumes.addAll(extra);
    return volumes;
  }

  private static List<VolumeMount> mounts(String uri) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build());
    mounts.add(
        new VolumeMountBuilder().withName("model-cache").withMountPath(MODEL_CACHE_PATH).build());
    PvcUri.parse(uri).ifPresent(pvc -> mounts.add(pvc.mount(true)));
    return mounts;
  }
}
