package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.SETTINGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CollaborationSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.operator.deployment.CloudRuntimeStage.Action;
import dev.edgewise.operator.deployment.CloudRuntimeStage.Decision;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether the cloud runtime of joint inference is applied, kept or removed, and its status. */
class CloudRuntimeStageTest {
  static ModelDeployment joint(String cloudModelUri) {
    ModelDeployment md = Fixtures.vision();
    CollaborationSpec collaboration = new CollaborationSpec();
    collaboration.setMode(CollaborationMode.JointInference);
    collaboration.setConfidenceThreshold(0.8);
    collaboration.setCloudReplicas(2);
    collaboration.setCloudModelUri(cloudModelUri);
    md.getSpec().setCollaboration(collaboration);
    return md;
  }

  static ArtifactStatus uncompressed(String uri, String digest) {
    return TrainingStage.artifact("1.2.0", uri, digest);
  }

  static String modelUri(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
        .filter(e -> "EDGEWISE_MODEL_URI".equals(e.getName()))
        .map(EnvVar::getValue)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void jointInferenceServesTheUncompressedArtifactBehindTheCloudService() {
    Decision decision =
        CloudRuntimeStage.decide(
            joint(null), uncompressed("pvc://models/vision/full.pt", Fixtures.SHA), SETTINGS);

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(decision.deployment().getMetadata().getName()).isEqualTo("cloud-vision");
    assertThat(decision.deployment().getSpec().getReplicas()).isEqualTo(2);
    assertThat(modelUri(decision.deployment())).isEqualTo("pvc://models/vision/full.pt");
    assertThat(
            decision.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .contains(new EnvVar("EDGEWISE_MODEL_SHA256", Fixtures.SHA, null));
    assertThat(decision.service().getMetadata().getName()).isEqualTo("cloud-vision");
  }

  @Test
  void theCloudModelUriWinsEvenWhileTheUncompressedArtifactIsUnknown() {
    Decision decision =
        CloudRuntimeStage.decide(joint("https://models.example/teacher.pt"), null, SETTINGS);

    assertThat(decision.action()).isEqualTo(Action.APPLY);
    assertThat(modelUri(decision.deployment())).isEqualTo("https://models.example/teacher.pt");
    assertThat(
            decision.deployment().getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
        .extracting(EnvVar::getName)
        .as("the spec's digest is that of spec.model.uri, not of the cloud model")
        .doesNotContain("EDGEWISE_MODEL_SHA256");
  }

  @Test
  void whileTheFullModelIsBeingTrainedTheCurrentCloudRuntimeIsKept() {
    assertThat(CloudRuntimeStage.decide(joint(null), null, SETTINGS).action())
        .isEqualTo(Action.KEEP);
  }

  @Test
  void edgeOnlyOrNoCollaborationRemovesTheCloudRuntime() {
    ModelDeployment edgeOnly = joint(null);
    edgeOnly.getSpec().getCollaboration().setMode(CollaborationMode.EdgeOnly);
    ArtifactStatus artifact = uncompressed("https://models.example/vision.pt", null);

    assertThat(CloudRuntimeStage.decide(edgeOnly, artifact, SETTINGS).action())
        .isEqualTo(Action.REMOVE);
    assertThat(CloudRuntimeStage.decide(Fixtures.vision(), artifact, SETTINGS).action())
        .isEqualTo(Action.REMOVE);
    assertThat(
            CloudRuntimeStage.status(edgeOnly, new Decision(Action.REMOVE, null, null), List.of()))
        .isNull();
  }

  @Test
  void statusReportsTheEndpointTheArtifactAndTheReadyReplicas() {
    ModelDeployment md = joint(null);
    Decision decision =
        CloudRuntimeStage.decide(
            md, uncompressed("https://models.example/full.pt", null), SETTINGS);
    Deployment observed = decision.deployment();
    observed.setStatus(new DeploymentStatusBuilder().withReplicas(2).withReadyReplicas(1).build());

    CloudRuntimeStatus status = CloudRuntimeStage.status(md, decision, List.of(observed));

    assertThat(status.getEndpoint()).isEqualTo("http://cloud-vision.factory.svc:8080");
    assertThat(status.getModelUri()).isEqualTo("https://models.example/full.pt");
    assertThat(status.getReplicas()).isEqualTo(2);
    assertThat(status.getReadyReplicas()).isEqualTo(1);
  }

  @Test
  void aCloudRuntimeNotCreatedYetOrWithoutStatusHasNoReadyReplica() {
    ModelDeployment md = joint(null);
    Decision keep = new Decision(Action.KEEP, null, null);

    CloudRuntimeStatus none = CloudRuntimeStage.status(md, keep, List.of());
    assertThat(none.getReadyReplicas()).isZero();
    assertThat(none.getModelUri()).isNull();

    Deployment kept =
        CloudRuntimeStage.decide(md, uncompressed("pvc://models/old.pt", null), SETTINGS)
            .deployment();
    CloudRuntimeStatus fromObserved = CloudRuntimeStage.status(md, keep, List.of(kept));
    assertThat(fromObserved.getReadyReplicas()).isZero();
    assertThat(fromObserved.getModelUri()).isEqualTo("pvc://models/old.pt");
  }
}
