package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the training and compression Jobs share, checked on both. */
class PipelineJobTest {
  static Stream<Job> jobs() {
    return Stream.of(TrainingJobTest.JOB, CompressionJobTest.job());
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void runOnceWithoutCredentialsAndLabelThePodLikeTheJob(Job job) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("Never");
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getEnableServiceLinks()).isFalse();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
        .isTrue();
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
        .isEqualTo(job.getMetadata().getLabels());
    assertThat(job.getMetadata().getOwnerReferences()).singleElement();
  }

  @ParameterizedTest
  @MethodSource("jobs")
  void mountEveryVolumeAndAWritableTmp(Job job) {
    PodSpec pod = job.getSpec().getTemplate().getSpec();
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getName)
        .containsExactlyElementsOf(pod.getVolumes().stream().map(Volume::getName).toList());
    assertThat(pod.getContainers().get(0).getVolumeMounts())
        .anySatisfy(
            mount -> {
              assertThat(mount.getMountPath()).isEqualTo("/tmp");
              assertThat(mount.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            });
  }
}
