package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Schema defaults are applied before validation, and the CEL rules see them. */
class DefaultingTest {

  @Test
  void edgeNodePoolGetsItsDefaults() {
    AdmissionResult result = Crds.EDGE_NODE_POOL.admit(InvalidResourcesTest.EDGE_NODE_POOL);

    assertThat(result.allowed()).isTrue();
    JsonNode spec = result.object().path("spec");
    assertThat(spec.path("edgePlatform").asText()).isEqualTo("None");
    assertThat(spec.path("disconnectGracePeriod").asText()).isEqualTo("5m");
    assertThat(spec.path("latencyLabel").asText()).isEqualTo("edgewise.dev/latency-ms");
  }

  @Test
  void theInputIsNotModified() {
    JsonNode pool = InvalidResourcesTest.EDGE_NODE_POOL.deepCopy();

    Crds.EDGE_NODE_POOL.admit(pool);

    assertThat(pool).isEqualTo(InvalidResourcesTest.EDGE_NODE_POOL);
    assertThat(pool.path("spec").has("edgePlatform")).isFalse();
  }

  @Test
  void givenValuesWin() {
    JsonNode pool =
        Crds.merge(
            InvalidResourcesTest.EDGE_NODE_POOL,
            Crds.yaml("{spec: {edgePlatform: KubeEdge, disconnectGracePeriod: 90s}}"));

    JsonNode spec = Crds.EDGE_NODE_POOL.admit(pool).object().path("spec");

    assertThat(spec.path("edgePlatform").asText()).isEqualTo("KubeEdge");
    assertThat(spec.path("disconnectGracePeriod").asText()).isEqualTo("90s");
  }

  @Test
  void aNullIsReplacedByTheDefault() {
    JsonNode pool =
        Crds.merge(InvalidResourcesTest.EDGE_NODE_POOL, Crds.yaml("{spec: {nodeSelector: {}}}"));
    ((com.fasterxml.jackson.databind.node.ObjectNode) pool.path("spec")).putNull("edgePlatform");

    AdmissionResult result = Crds.EDGE_NODE_POOL.admit(pool);

    assertThat(result.errors()).isEmpty();
    assertThat(result.object().path("spec").path("edgePlatform").asText()).isEqualTo("None");
  }

  @Test
  void defaultsReachObjectsInsideListsAndOptionalObjectsOnlyWhenPresent() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {model: {inputs: [{name: input, shape: [-1, 64]}]}, rollout: {}}}"));

    JsonNode spec = Crds.MODEL_DEPLOYMENT.admit(md).object().path("spec");

    assertThat(spec.path("model").path("format").asText()).isEqualTo("TorchScript");
    assertThat(spec.path("model").path("inputs").path(0).path("datatype").asText())
        .isEqualTo("FP32");
    assertThat(spec.path("rollout").path("strategy").asText()).isEqualTo("Rolling");
    assertThat(spec.path("rollout").path("stepDeadline").asText()).isEqualTo("10m");
    assertThat(spec.path("rollout").path("autoPromote").asBoolean()).isTrue();
    assertThat(spec.has("collaboration")).as("absent optional objects stay absent").isFalse();
    assertThat(spec.has("training")).isFalse();
  }

  @Test
  void aCelRuleSeesTheDefaults() {
    // The rule reads self.mode, which only the default (EdgeOnly) provides; without defaulting
    // the rule would fail with "no such key".
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {collaboration: {captureHardExamples: true}}}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(md);

    assertThat(result.errors()).isEmpty();
    JsonNode collaboration = result.object().path("spec").path("collaboration");
    assertThat(collaboration.path("mode").asText()).isEqualTo("EdgeOnly");
    assertThat(collaboration.path("cloudReplicas").asInt()).isEqualTo(1);
    assertThat(collaboration.path("cloudDeadlineMs").asInt()).isEqualTo(200);
  }

  @Test
  void anEmptyCollaborationIsDefaultedAndAccepted() {
    JsonNode md =
        Crds.merge(InvalidResourcesTest.MODEL_DEPLOYMENT, Crds.yaml("{spec: {collaboration: {}}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md)).isEmpty();
  }

  @Test
  void aCompressionDefaultedToNoMethodNeedsNoData() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {compression: {method: None}}}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(md);

    assertThat(result.errors()).isEmpty();
    assertThat(result.object().path("spec").path("compression").path("maxAccuracyDrop").asDouble())
        .isEqualTo(1.0);
  }
}
