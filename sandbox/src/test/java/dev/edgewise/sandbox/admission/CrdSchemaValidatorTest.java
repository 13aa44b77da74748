package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The validator's contract: how errors read, status codes, and failures at construction. */
class CrdSchemaValidatorTest {
  private static final String TINY_CRD =
      """
      apiVersion: apiextensions.k8s.io/v1
      kind: CustomResourceDefinition
      metadata: {name: widgets.example.dev}
      spec:
        group: example.dev
        names: {kind: Widget, plural: widgets}
        scope: Namespaced
        versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    x-kubernetes-validations:
                      - rule: "RULE"
                        message: size must be even
                        fieldPath: .size
                    properties:
                      size: {type: integer, default: 2}
                      ratio: {type: number, nullable: true}
                      extra: {type: object, x-kubernetes-preserve-unknown-fields: true}
      """;

  @Test
  void anErrorReadsAsKubectlShowsIt() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {maxLatencyMs: 0}}}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(md);

    assertThat(result.errors())
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.placement.maxLatencyMs: Invalid value: 0: spec.placement.maxLatencyMs in body"
                + " should be greater than or equal to 1");
    assertThat(result.code()).isEqualTo(422);
    assertThat(result.reason()).isEqualTo("Invalid");
    assertThat(result.message())
        .isEqualTo(
            "ModelDeployment.edgewise.dev \"digits\" is invalid: spec.placement.maxLatencyMs:"
                + " Invalid value: 0: spec.placement.maxLatencyMs in body should be greater than or"
                + " equal to 1");
  }

  @Test
  void unknownFieldsAreABadRequestLikeStrictDecoding() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {replicaz: 3, maxLatencyMs: 0}}}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(md);

    assertThat(result.code()).isEqualTo(400);
    assertThat(result.reason()).isEqualTo("BadRequest");
    assertThat(result.errors()).containsExactly(FieldError.unknownField("spec.placement.replicaz"));
    assertThat(result.message())
        .isEqualTo(
            "ModelDeployment in version \"v1alpha1\" cannot be handled as a ModelDeployment:"
                + " strict decoding error: unknown field \"spec.placement.replicaz\"");
  }

  @Test
  void typeErrorsSkipTheCelRulesAsKubeApiserverDoes() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {replicas: four, perNode: true}}}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(md);

    assertThat(result.errors())
        .extracting(FieldError::toString)
        .containsExactly(
            "spec.placement.replicas: Invalid value: \"string\": spec.placement.replicas in body"
                + " must be of type integer: \"string\"",
            "<nil>: Invalid value: null: some validation rules were not checked because the"
                + " object was invalid; correct the existing errors to complete validation");
  }

  @Test
  void schemaAndRuleErrorsAreReportedTogether() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {maxLatencyMs: 0, perNode: true}}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md))
        .extracting(FieldError::field)
        .containsExactly("spec.placement.maxLatencyMs", "spec.placement.replicas");
  }

  @Test
  void apiVersionAndKindMustMatchTheCrd() {
    JsonNode wrong =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{apiVersion: edgewise.dev/v1, kind: EdgeNodePool}"));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(wrong);

    assertThat(result.code()).isEqualTo(400);
    assertThat(result.errors())
        .extracting(FieldError::toString)
        .containsExactly(
            "apiVersion: Invalid value: \"edgewise.dev/v1\": must be one of"
                + " edgewise.dev/v1alpha1",
            "kind: Invalid value: \"EdgeNodePool\": must be ModelDeployment");

    JsonNode missing =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT, Crds.yaml("{apiVersion: null, kind: ''}"));
    assertThat(Crds.MODEL_DEPLOYMENT.validate(missing))
        .extracting(FieldError::toString)
        .containsExactly("apiVersion: Required value", "kind: Required value");
  }

  @Test
  void generateNameStandsInForAName() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{metadata: {name: null, generateName: digits-}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md)).isEmpty();
  }

  @Test
  void labelsAndAnnotationsThatAreWellFormedPass() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml(
                "{metadata: {labels: {app.kubernetes.io/name: digits, tier: ''},"
                    + " annotations: {note: 'any text: at all'}}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md)).isEmpty();
  }

  @Test
  void notAnObjectIsRefusedWithoutAnException() {
    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(Crds.yaml("[1, 2]"));

    assertThat(result.allowed()).isFalse();
    assertThat(result.code()).isEqualTo(400);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{metadata: 5}",
        "{metadata: {name: [a], labels: x, namespace: {}}}",
        "{spec: []}",
        "{spec: {placement: {pools: [1, {a: b}, null], replicas: null}}}",
        "{spec: {rollout: {steps: [a, 1.5, true]}}}",
        "{spec: {collaboration: {mode: null, confidenceThreshold: x}}}",
        "{spec: {model: {inputs: [null, 3, {shape: {}}]}}}",
        "{apiVersion: {}, kind: [1]}"
      })
  void garbageIsRefusedWithoutAnException(String patch) {
    JsonNode resource = Crds.merge(InvalidResourcesTest.MODEL_DEPLOYMENT, Crds.yaml(patch));

    AdmissionResult result = Crds.MODEL_DEPLOYMENT.admit(resource);

    assertThat(result.allowed()).as(result.message()).isFalse();
    assertThat(result.errors()).isNotEmpty();
  }

  @Test
  void anIntegerWrittenWithAZeroFractionIsAnInteger() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{spec: {placement: {replicas: 2.0}, rollout: {steps: [50.0, 100.0]}}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md)).isEmpty();
  }

  @Test
  void wrongTypesInMetadataAreReportedOnce() {
    JsonNode md =
        Crds.merge(
            InvalidResourcesTest.MODEL_DEPLOYMENT,
            Crds.yaml("{apiVersion: {v: 1}, metadata: {name: [a]}}"));

    assertThat(Crds.MODEL_DEPLOYMENT.validate(md))
        .extracting(FieldError::toString)
        .containsExactly(
            "apiVersion: Invalid value: \"object\": must be of type string: \"object\"");
    md = Crds.merge(InvalidResourcesTest.MODEL_DEPLOYMENT, Crds.yaml("{metadata: {name: [a]}}"));
    assertThat(Crds.MODEL_DEPLOYMENT.validate(md))
        .extracting(FieldError::field)
        .containsExactly("metadata.name", "");
  }

  @Test
  void describesTheCrd() {
    assertThat(Crds.MODEL_DEPLOYMENT.kind()).isEqualTo("ModelDeployment");
    assertThat(Crds.MODEL_DEPLOYMENT.group()).isEqualTo("edgewise.dev");
    assertThat(Crds.MODEL_DEPLOYMENT.plural()).isEqualTo("modeldeployments");
    assertThat(Crds.MODEL_DEPLOYMENT.namespaced()).isTrue();
    assertThat(Crds.EDGE_NODE_POOL.namespaced()).isFalse();
    assertThat(Crds.MODEL_DEPLOYMENT.apiVersions()).containsExactly("edgewise.dev/v1alpha1");
    assertThat(Crds.MODEL_DEPLOYMENT.hasStatusSubresource("edgewise.dev/v1alpha1")).isTrue();
  }

  @Test
  void aCustomCrdWithRulesNullablesAndPreservedFields(@TempDir Path dir) throws Exception {
    Path crd = dir.resolve("widgets.yaml");
    Files.writeString(crd, TINY_CRD.replace("RULE", "self.size % 2 == 0"));
    CrdSchemaValidator widgets = new CrdSchemaValidator(crd);
    String base = "{apiVersion: example.dev/v1, kind: Widget, metadata: {name: w}, spec: %s}";

    assertThat(widgets.validate(Crds.yaml(base.formatted("{ratio: null, extra: {any: [1]}}"))))
        .isEmpty();
    assertThat(widgets.validate(Crds.yaml(base.formatted("{size: 3}"))))
        .extracting(FieldError::toString)
        .containsExactly("spec.size: Invalid value: \"object\": size must be even");
    assertThat(widgets.validate(Crds.yaml(base.formatted("{ratio: 1}")))).isEmpty();
  }

  @Test
  void aRuleThatDoesNotCompileFailsConstruction(@TempDir Path dir) throws Exception {
    Path crd = dir.resolve("widgets.yaml");
    Files.writeString(crd, TINY_CRD.replace("RULE", "self.size %% 2 =="));

    assertThatThrownBy(() -> new CrdSchemaValidator(crd))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("widgets.yaml")
        .hasMessageContaining("at spec")
        .hasMessageContaining("does not compile");
  }

  @Test
  void aRuleThatIsNotABooleanFailsConstruction(@TempDir Path dir) throws Exception {
    Path crd = dir.resolve("widgets.yaml");
    Files.writeString(crd, TINY_CRD.replace("RULE", "'even'"));

    assertThatThrownBy(() -> new CrdSchemaValidator(crd))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("must return bool");
  }

  @Test
  void somethingElseThanACrdFailsConstruction(@TempDir Path dir) throws Exception {
    Path notCrd = dir.resolve("pool.yaml");
    Files.writeString(notCrd, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n");

    assertThatThrownBy(() -> new CrdSchemaValidator(notCrd))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("not an apiextensions.k8s.io CustomResourceDefinition");
    assertThatThrownBy(() -> new CrdSchemaValidator(dir.resolve("missing.yaml")))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("cannot read");
    assertThatThrownBy(() -> CrdSchemaValidator.fromClasspath("crds/missing.yaml"))
        .isInstanceOf(InvalidCrdException.class)
        .hasMessageContaining("no such resource");
  }

  @Test
  void aDuplicateKeyInYamlIsRefused() {
    assertThatThrownBy(() -> YamlDocuments.parse("a: 1\na: 2\n"))
        .hasMessageContaining("Duplicate field 'a'");
  }
}
