package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Admission over every CRD in crds/, as the sandbox uses it. */
class CustomResourceAdmissionTest {
  private static final CustomResourceAdmission ADMISSION =
      CustomResourceAdmission.fromDirectory(Crds.ROOT.resolve("crds"));

  @Test
  void picksTheCrdByGroupAndKind() {
    assertThat(ADMISSION.validatorFor("edgewise.dev/v1alpha1", "ModelDeployment"))
        .hasValueSatisfying(v -> assertThat(v.plural()).isEqualTo("modeldeployments"));
    assertThat(ADMISSION.validatorFor("edgewise.dev/v1alpha1", "EdgeNodePool")).isPresent();
    assertThat(ADMISSION.validatorFor("v1", "ConfigMap")).isEmpty();
  }

  @Test
  void admitsAndRejectsCustomResources() {
    assertThat(ADMISSION.admit(InvalidResourcesTest.EDGE_NODE_POOL).allowed()).isTrue();
    JsonNode bad =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {maxLatencyMs: 0}}}"));
    assertThat(ADMISSION.admit(bad).errors())
        .extracting(FieldError::field)
        .containsExactly("spec.placement.maxLatencyMs");
  }

  @Test
  void clearsTheNamespaceOfAClusterScopedPoolAsKubeApiserverDoes() {
    JsonNode pool =
        Crds.merge(InvalidResourcesTest.EDGE_NODE_POOL, Crds.yaml("{metadata: {namespace: x}}"));

    AdmissionResult result = ADMISSION.admit(pool);

    assertThat(result.allowed()).isTrue();
    assertThat(result.object().path("metadata").has("namespace")).isFalse();
  }

  @Test
  void letsOtherKindsThroughUnchanged() {
    JsonNode configMap = Crds.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: x}}");

    AdmissionResult result = ADMISSION.admit(configMap);

    assertThat(result.allowed()).isTrue();
    assertThat(result.object()).isEqualTo(configMap);
  }
}
