package dev.edgewise.e2e.scenarios;

import static dev.edgewise.e2e.harness.Scenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.e2e.harness.Scenario;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 3: training on a GPU node the planner picks, then compression, and a status that keeps
 * the compression manifest once the cluster has deleted the Jobs and their pods; when no GPU node
 * fits, {@code Trained=False} and no Job.
 */
@Order(3)
class TrainingE2eTest {
  @RegisterExtension static final Scenario scenario = new Scenario("training");

  @Test
  void trainsOnAGpuNodeCompressesAndKeepsTheManifestAfterTheJobsAreGone() {
    scenario.apply(Scenario.sample("edgewise.dev_v1alpha1_modeldeployment_digits-trained.yaml"));
    scenario.awaitCondition("digits-trained", "Ready", "True", Duration.ofMinutes(3));

    ModelDeployment md = scenario.modelDeployment("digits-trained");
    String trainingNode = md.getStatus().getTraining().getNode();
    assertThat(trainingNode).startsWith("cloud-gpu-");
    List<Job> jobs =
        scenario.client().batch().v1().jobs().inNamespace(scenario.namespace()).list().getItems();
    assertThat(jobs).hasSize(2);
    List<Pod> jobPods = jobPods();
    assertThat(jobPods)
        .filteredOn(p -> p.getMetadata().getName().contains("-train-"))
        .singleElement()
        .satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(trainingNode));
    ArtifactStatus artifact = md.getStatus().getArtifact();
    assertThat(artifact.getDigest()).hasSize(64);
    assertThat(artifact.getCompressionRatio()).isEqualTo(3.9);

    for (Job job : jobs) {
      scenario
          .client()
          .resource(job)
          .withPropagationPolicy(DeletionPropagation.FOREGROUND)
          .delete();
    }
    eventually(Duration.ofSeconds(60)).until(() -> jobPods().isEmpty() && jobs().isEmpty());
    scenario.kubectl("annotate", "modeldeployment/digits-trained", "e2e.edgewise.dev/poke=1");

    eventually(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              ModelDeployment now = scenario.modelDeployment("digits-trained");
              assertThat(now.getStatus().getArtifact()).isEqualTo(artifact);
              assertThat(scenario.condition("digits-trained", "Ready"))
                  .map(Condition::getStatus)
                  .contains("True");
              assertThat(scenario.condition("digits-trained", "Compressed"))
                  .map(Condition::getStatus)
                  .contains("True");
            });
    assertThat(jobs()).as("no Job started again").isEmpty();
  }

  @Test
  void withoutAFittingGpuNodeNoJobIsCreated() {
    String sample = Scenario.sample("edgewise.dev_v1alpha1_modeldeployment_digits-trained.yaml");
    scenario.apply(
        sample
            .replace("name: digits-trained", "name: digits-h100")
            .replace("gpuProduct: NVIDIA-A10G", "gpuProduct: NVIDIA-H100"));

    Condition trained =
        scenario.awaitCondition("digits-h100", "Trained", "False", Duration.ofSeconds(60));

    assertThat(trained.getReason()).isEqualTo("NoGpuNodeFits");
    assertThat(trained.getMessage()).contains("other GPU product");
    assertThat(jobs()).noneMatch(j -> j.getMetadata().getName().startsWith("digits-h100"));
  }

  private static List<Job> jobs() {
    return scenario
        .client()
        .batch()
        .v1()
        .jobs()
        .inNamespace(scenario.namespace())
        .list()
        .getItems();
  }

  private static List<Pod> jobPods() {
    return scenario
        .client()
        .pods()
        .inNamespace(scenario.namespace())
        .withLabel("batch.kubernetes.io/job-name")
        .list()
        .getItems();
  }
}
