package dev.edgewise.operator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CollaborationSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What joint inference adds to the edge runtime Deployments, and what EdgeOnly leaves alone. */
class JointInferenceTest {
  /**
   * The JSON of {@link EdgeRuntimeDeploymentTest#build()} before joint inference existed: EdgeOnly
   * templates must not change, or every running edge runtime would roll on upgrade.
   */
  static final String EDGE_ONLY_DEPLOYMENT = "/workload/edge-only-deployment.json";

  /** A serialization of its own, so that no other test's configuration changes the output. */
  static final KubernetesSerialization JSON = new KubernetesSerialization();

  static Deployment edge(ModelDeployment md) {
    return EdgeRuntimeDeployment.build(
        md,
        EdgeRuntimeDeploymentTest.PLACEMENT,
        EdgeRuntimeDeploymentTest.POOL,
        EdgeRuntimeDeploymentTest.SETTINGS,
        "1.2.0",
        "https://artifacts.example/vision/1.2.0/model.pt",
        TestModelDeployments.SHA);
  }

  static Map<String, String> env(Deployment deployment) {
    return EdgeRuntimeDeploymentTest.container(deployment).getEnv().stream()
        .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
  }

  @Test
  void edgeRuntimesLearnWhereTheCloudModelAnswers() {
    Map<String, String> env = env(edge(TestModelDeployments.jointVision()));

    assertThat(env)
        .containsEntry("EDGEWISE_COLLABORATION_CLOUD_URL", "http://cloud-vision.factory.svc:8080")
        .containsEntry("EDGEWISE_COLLABORATION_CONFIDENCE_THRESHOLD", "0.7")
        .containsEntry("EDGEWISE_COLLABORATION_CLOUD_DEADLINE_MS", "300")
        .doesNotContainKeys(
            "EDGEWISE_COLLABORATION_OFFLOAD_BUDGET_PERCENT",
            "EDGEWISE_COLLABORATION_HARD_EXAMPLES_DIR")
        .containsEntry("EDGEWISE_MODEL_NAME", "vision");
  }

  @Test
  void anOffloadBudgetInsteadOfAThresholdAndTheDefaultDeadline() {
    ModelDeployment md = TestModelDeployments.jointVision();
    md.getSpec().getCollaboration().setConfidenceThreshold(null);
    md.getSpec().getCollaboration().setOffloadBudgetPercent(15);
    md.getSpec().getCollaboration().setCloudDeadlineMs(null);

    assertThat(env(edge(md)))
        .containsEntry("EDGEWISE_COLLABORATION_OFFLOAD_BUDGET_PERCENT", "15")
        .containsEntry("EDGEWISE_COLLABORATION_CLOUD_DEADLINE_MS", "200")
        .doesNotContainKey("EDGEWISE_COLLABORATION_CONFIDENCE_THRESHOLD");
  }

  @Test
  void hardExampleCaptureGetsAWritableEmptyDirAndKeepsTheRootFilesystemReadOnly() {
    ModelDeployment md = TestModelDeployments.jointVision();
    md.getSpec().getCollaboration().setCaptureHardExamples(true);
    Deployment deployment = edge(md);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = EdgeRuntimeDeploymentTest.container(deployment);

    assertThat(env(deployment))
        .containsEntry(
            "EDGEWISE_COLLABORATION_HARD_EXAMPLES_DIR", "/var/lib/edgewise/hard-examples")
        .containsEntry("EDGEWISE_COLLABORATION_HARD_EXAMPLES_MAX_BYTES", "67108864")
        .containsEntry("EDGEWISE_COLLABORATION_HARD_EXAMPLES_MAX_BACKUPS", "1");
    assertThat(container.getVolumeMounts())
        .filteredOn(m -> "/var/lib/edgewise/hard-examples".equals(m.getMountPath()))
        .singleElement()
        .extracting(VolumeMount::getName, VolumeMount::getReadOnly)
        .containsExactly("hard-examples", null);
    assertThat(pod.getVolumes())
        .filteredOn(v -> "hard-examples".equals(v.getName()))
        .singleElement()
        .satisfies(
            v ->
                assertThat(v.getEmptyDir().getSizeLimit().getNumericalAmount())
                    .as("room for the live file, its backup and one more, so no eviction")
                    .isEqualByComparingTo(new BigDecimal(3L * 64 * 1024 * 1024)));
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
  }

  @Test
  void edgeOnlyAndNoCollaborationLeaveTheEdgeTemplatesAsTheyWere() throws IOException {
    JsonNode before;
    try (InputStream golden = JointInferenceTest.class.getResourceAsStream(EDGE_ONLY_DEPLOYMENT)) {
      before = new ObjectMapper().readTree(golden);
    }
    ModelDeployment edgeOnly = TestModelDeployments.jointVision();
    edgeOnly.getSpec().getCollaboration().setMode(CollaborationMode.EdgeOnly);
    edgeOnly.getSpec().getCollaboration().setCaptureHardExamples(true);
    ModelDeployment none = TestModelDeployments.vision();
    ModelDeployment defaults = TestModelDeployments.vision();
    defaults.getSpec().setCollaboration(new CollaborationSpec());

    for (ModelDeployment md : new ModelDeployment[] {edgeOnly, none, defaults}) {
      assertThat(new ObjectMapper().readTree(JSON.asJson(edge(md))))
          .as("edge Deployment of %s", md.getSpec().getCollaboration())
          .isEqualTo(before);
      assertThat(JointInference.edgeEnv(md)).isEmpty();
      assertThat(JointInference.edgeVolumes(md)).isEmpty();
      assertThat(JointInference.edgeMounts(md)).isEmpty();
    }
  }
}
