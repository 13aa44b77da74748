package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the training and compression Jobs share: owned by their ModelDeployment, labelled the same
 * on the Job and its pod, never restarted in place, restricted Pod Security with no service account
 * token or service links, and a writable {@code /tmp} (the root filesystem is read-only).
 */
final class PipelineJob {
  private final List<Volume> volumes = new ArrayList<>();
  private final List<VolumeMount> mounts = new ArrayList<>();

  /** A Job pod with only the {@code /tmp} scratch volume so far. */
  PipelineJob() {
    mount(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build(), "/tmp");
  }

  /** Adds {@code volume}, mounted writable at {@code path} in the container. */
  PipelineJob mount(Volume volume, String path) {
    return mount(
        volume, new VolumeMountBuilder().withName(volume.getName()).withMountPath(path).build());
  }

  /** Adds a volume and its mount made elsewhere (such as a pvc:// location's). */
  PipelineJob mount(Volume volume, VolumeMount mount) {
    volumes.add(volume);
    mounts.add(mount);
    return this;
  }

  /**
   * The Job of {@code md} named {@code name}, running {@code container} (given its volume mounts
   * and the restricted security context here) on the nodes {@code affinity} allows, with {@code
   * tolerations} if any.
   */
  Job build(
      ModelDeployment md,
      String name,
      Map<String, String> labels,
      Integer backoffLimit,
      Long activeDeadlineSeconds,
      Affinity affinity,
      ContainerBuilder container,
      Toleration... tolerations) {
    Container restricted =
        container.withSecurityContext(PodSecurity.container()).withVolumeMounts(mounts).build();
    PodSpecBuilder pod =
        new PodSpecBuilder()
            .withRestartPolicy("Never")
            .withAffinity(affinity)
            .withSecurityContext(PodSecurity.pod())
            .withAutomountServiceAccountToken(false)
            .withEnableServiceLinks(false)
            .withContainers(restricted)
            .withVolumes(volumes);
    if (tolerations.length > 0) {
      pod.withTolerations(tolerations);
    }
    return new JobBuilder()
        .withMetadata(OwnerReferences.ownedMetadata(md, name, labels).build())
        .withNewSpec()
        .withBackoffLimit(backoffLimit)
        .withActiveDeadlineSeconds(activeDeadlineSeconds)
        .withNewTemplate()
        .withNewMetadata()
        .withLabels(labels)
        .endMetadata()
        .withSpec(pod.build())
        .endTemplate()
        .endSpec()
        .build();
  }
}
