package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The training Job on the chosen GPU node. */
class TrainingJobTest {
  static final Job JOB =
      TrainingJob.build(
          TestModelDeployments.vision(), "gpu-node-1", RuntimeSettings.defaults("runtime:1"));

  static PodSpec pod() {
    return JOB.getSpec().getTemplate().getSpec();
  }

  static Container container() {
    return pod().getContainers().get(0);
  }

  @Test
  void requestsTheGpusOnTheChosenNodeAndToleratesTheGpuTaint() {
    assertThat(container().getResources().getLimits())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(container().getResources().getRequests())
        .containsEntry("nvidia.com/gpu", new Quantity("2"));
    assertThat(
            pod()
                .getAffinity()
                .getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms()
                .get(0)
                .getMatchExpressions()
                .get(0)
                .getValues())
        .containsExactly("gpu-node-1");
    assertThat(pod().getTolerations())
        .singleElement()
        .satisfies(
            toleration -> {
              assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu");
              assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
              assertThat(toleration.getOperator()).isEqualTo("Exists");
            });
  }

  @Test
  void runsTheTrainingImageWithRetriesAndADeadline() {
    assertThat(JOB.getMetadata().getName())
        .startsWith("vision-train-1-2-0-")
        .hasSize("vision-train-1-2-0-".length() + 6);
    assertThat(JOB.getSpec().getBackoffLimit()).isEqualTo(4);
    assertThat(JOB.getSpec().getActiveDeadlineSeconds()).isEqualTo(7200L);
    assertThat(pod().getRestartPolicy()).isEqualTo("Never");
    assertThat(container().getImage()).isEqualTo("registry.example/trainer:3");
    assertThat(container().getCommand()).containsExactly("python", "train.py");
    assertThat(container().getArgs()).containsExactly("--epochs", "5");
  }

  @Test
  void tellsTheContainerWhereToWriteAndMountsThePvc() {
    assertThat(
            container().getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue)))
        .containsEntry("EDGEWISE_OUTPUT_URI", "pvc://models/vision/1.2.0/model.pt")
        .containsEntry("EDGEWISE_OUTPUT_PATH", "/pvc/models/vision/1.2.0/model.pt");
    assertThat(pod().getVolumes())
        .filteredOn(volume -> volume.getPersistentVolumeClaim() != null)
        .extracting(volume -> volume.getPersistentVolumeClaim().getClaimName())
        .containsExactly("models");
    assertThat(container().getVolumeMounts())
        .extracting(m -> m.getMountPath())
        .contains("/pvc/models", "/tmp");
  }

  @Test
  void isRestrictedLabelledAndOwned() {
    assertThat(pod().getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(container().getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(container().getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(JOB.getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "edgewise-training")
        .containsEntry("app.kubernetes.io/managed-by", "edgewise")
        .containsEntry("edgewise.dev/model-deployment", "vision")
        .containsEntry("edgewise.dev/model-version", "1.2.0")
        .containsEntry("edgewise.dev/node", "gpu-node-1");
    assertThat(JOB.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(owner -> assertThat(owner.getController()).isTrue());
  }
}
