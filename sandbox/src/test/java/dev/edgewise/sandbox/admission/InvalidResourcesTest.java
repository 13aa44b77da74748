package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A table of invalid resources, each a valid base resource with a merge patch applied, and the
 * field path and message fragment kube-apiserver reports for it.
 */
class InvalidResourcesTest {
  static final JsonNode MODEL_DEPLOYMENT =
      Crds.yaml(
          """
          apiVersion: edgewise.dev/v1alpha1
          kind: ModelDeployment
          metadata: {name: digits, namespace: default}
          spec:
            model: {uri: "https://models.example.internal/digits/student-v1.pt", version: v1}
            placement: {pools: [kubeedge-edge], replicas: 2}
          """);
  static final JsonNode EDGE_NODE_POOL =
      Crds.yaml(
          """
          apiVersion: edgewise.dev/v1alpha1
          kind: EdgeNodePool
          metadata: {name: edge}
          spec:
            nodeSelector: {matchLabels: {node-role.kubernetes.io/edge: ""}}
          """);

  static Stream<Arguments> invalidResources() {
    return Stream.of(
        md(
            "unknown field",
            "{spec: {placement: {replicaz: 3}}}",
            "spec.placement.replicaz",
            "unknown field \"spec.placement.replicaz\""),
        md(
            "unknown field in metadata",
            "{metadata: {labelz: {a: b}}}",
            "metadata.labelz",
            "unknown field \"metadata.labelz\""),
        md(
            "wrong type",
            "{spec: {placement: {replicas: four}}}",
            "spec.placement.replicas",
            "Invalid value: \"string\": must be of type integer"),
        md(
            "object given a string",
            "{spec: {placement: everywhere}}",
            "spec.placement",
            "must be of type object"),
        md(
            "negative replicas",
            "{spec: {placement: {replicas: -1}}}",
            "spec.placement.replicas",
            "Invalid value: -1: should be greater than or equal to 0"),
        md(
            "latency budget of 0",
            "{spec: {placement: {maxLatencyMs: 0}}}",
            "spec.placement.maxLatencyMs",
            "Invalid value: 0: should be greater than or equal to 1"),
        md(
            "confidence above 1",
            "{spec: {collaboration: {confidenceThreshold: 1.5}}}",
            "spec.collaboration.confidenceThreshold",
            "should be less than or equal to 1"),
        md(
            "bad URI scheme",
            "{spec: {model: {uri: 'ftp://models.example.internal/d.pt'}}}",
            "spec.model.uri",
            "should match '^(https?|pvc|file)://"),
        md(
            "malformed sha256",
            "{spec: {model: {sha256: ABC123}}}",
            "spec.model.sha256",
            "Invalid value: \"ABC123\": should match '^[a-f0-9]{64}$'"),
        md(
            "bad model format",
            "{spec: {model: {format: ONNX}}}",
            "spec.model.format",
            "Unsupported value: \"ONNX\": supported values: \"DJL\", \"TorchScript\""),
        md("missing model.uri", "{spec: {model: {uri: null}}}", "spec.model.uri", "Required value"),
        md("missing placement", "{spec: {placement: null}}", "spec.placement", "Required value"),
        md(
            "empty tensor shape",
            "{spec: {model: {inputs: [{name: input, shape: []}]}}}",
            "spec.model.inputs[0].shape",
            "should have at least 1 items"),
        md(
            "replicas together with perNode: true",
            "{spec: {placement: {perNode: true}}}",
            "spec.placement.replicas",
            "set exactly one of replicas and perNode: true"),
        md(
            "neither replicas nor perNode",
            "{spec: {placement: {replicas: null}}}",
            "spec.placement.replicas",
            "set exactly one of replicas and perNode: true"),
        md(
            "no pool",
            "{spec: {placement: {pools: null}}}",
            "spec.placement.pools",
            "Required value: name at least one pool"),
        md(
            "bad pool name",
            "{spec: {placement: {pools: [Edge_Pool]}}}",
            "spec.placement.pools[0]",
            "should match '^[a-z0-9]"),
        md(
            "resource quantity of the wrong type",
            "{spec: {placement: {resources: {limits: {cpu: true}}}}}",
            "spec.placement.resources.limits[cpu]",
            "must be of type integer or string"),
        md(
            "named like the cloud runtimes",
            "{metadata: {name: cloud-digits}}",
            "",
            "metadata.name must not be 'cloud' or start with 'cloud-'"),
        md(
            "named cloud",
            "{metadata: {name: cloud}}",
            "",
            "metadata.name must not be 'cloud' or start with 'cloud-'"),
        md(
            "JointInference without threshold",
            "{spec: {collaboration: {mode: JointInference}}}",
            "spec.collaboration.confidenceThreshold",
            "Required value: JointInference needs confidenceThreshold or offloadBudgetPercent"),
        md(
            "compression without evaluation data",
            "{spec: {compression: {method: Int8}}}",
            "spec.compression.evaluationDataUri",
            "evaluationDataUri is required"),
        md(
            "sparsity with Int8",
            "{spec: {compression: {method: Int8, evaluationDataUri: 'pvc://d/e.csv', sparsity: 0.5}}}",
            "spec.compression.sparsity",
            "sparsity applies only to the Prune and PruneInt8 methods"),
        md(
            "compression without method",
            "{spec: {compression: {maxAccuracyDrop: 1}}}",
            "spec.compression.method",
            "Required value"),
        md(
            "rollout steps not ending at 100",
            "{spec: {rollout: {steps: [10, 50]}}}",
            "spec.rollout.steps",
            "the last step must be 100"),
        md(
            "a rollout step of 0",
            "{spec: {rollout: {steps: [0, 100]}}}",
            "spec.rollout.steps",
            "each step is a percentage of placements between 1 and 100"),
        md(
            "duplicate rollout steps",
            "{spec: {rollout: {steps: [50, 50, 100]}}}",
            "spec.rollout.steps",
            "steps must not repeat a percentage"),
        md(
            "too many rollout steps",
            "{spec: {rollout: {steps: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]}}}",
            "spec.rollout.steps",
            "Too many: 11: must have at most 10 items"),
        md(
            "bad rollout strategy",
            "{spec: {rollout: {strategy: BlueGreen}}}",
            "spec.rollout.strategy",
            "Unsupported value: \"BlueGreen\""),
        md(
            "gpus 0",
            "{spec: {training: {image: trainer, outputUri: 'pvc://m/out.pt', gpus: 0}}}",
            "spec.training.gpus",
            "Invalid value: 0: should be greater than or equal to 1"),
        md(
            "training without image",
            "{spec: {training: {outputUri: 'pvc://m/out.pt'}}}",
            "spec.training.image",
            "Required value"),
        md(
            "name not DNS-1123",
            "{metadata: {name: Digits_1}}",
            "metadata.name",
            "a lowercase RFC 1123 subdomain must consist of"),
        md(
            "no name",
            "{metadata: {name: null}}",
            "metadata.name",
            "Required value: name or generateName is required"),
        pool(
            "bad duration",
            "{spec: {disconnectGracePeriod: 5 minutes}}",
            "spec.disconnectGracePeriod",
            "Invalid value: \"5 minutes\": should match '^([0-9]+(ms|s|m|h))+$'"),
        pool(
            "bad edgePlatform",
            "{spec: {edgePlatform: K3s}}",
            "spec.edgePlatform",
            "Unsupported value: \"K3s\": supported values: \"KubeEdge\", \"None\", \"OpenYurt\""),
        pool(
            "bad latency label",
            "{spec: {latencyLabel: 'latency ms'}}",
            "spec.latencyLabel",
            "should match"),
        pool(
            "maxModelsPerNode 0",
            "{spec: {maxModelsPerNode: 0}}",
            "spec.maxModelsPerNode",
            "should be greater than or equal to 1"),
        pool(
            "missing nodeSelector",
            "{spec: {nodeSelector: null}}",
            "spec.nodeSelector",
            "Required value"),
        pool(
            "bad label key",
            "{metadata: {labels: {'team/a/b': x}}}",
            "metadata.labels",
            "name part must consist of alphanumeric characters"),
        pool(
            "bad label value",
            "{metadata: {labels: {team: 'a b'}}}",
            "metadata.labels",
            "Invalid value: \"a b\": a valid label must be an empty string"),
        pool(
            "namespace on a cluster-scoped pool",
            "{metadata: {namespace: default}}",
            "metadata.namespace",
            "Forbidden: not allowed on this type"),
        pool(
            "unknown field in the selector",
            "{spec: {nodeSelector: {matchLabelz: {a: b}}}}",
            "spec.nodeSelector.matchLabelz",
            "unknown field"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidResources")
  void isRejectedNamingTheField(
      String kind, String what, String patch, String field, String fragment) {
    JsonNode base = kind.equals("ModelDeployment") ? MODEL_DEPLOYMENT : EDGE_NODE_POOL;
    JsonNode resource = Crds.merge(base, Crds.yaml(patch));

    AdmissionResult result = Crds.forKind(kind).admit(resource);

    assertThat(result.allowed()).as(what).isFalse();
    assertThat(result.errors())
        .as("%s: %s", what, result.message())
        .anySatisfy(
            e -> {
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.toString()).contains(fragment);
            });
    assertThat(result.message()).contains(fragment);
  }

  @Test
  void theBasesAreValid() {
    assertThat(Crds.MODEL_DEPLOYMENT.validate(MODEL_DEPLOYMENT)).isEmpty();
    assertThat(Crds.EDGE_NODE_POOL.validate(EDGE_NODE_POOL)).isEmpty();
  }

  @Test
  void everyCelRuleOfTheCrdsIsBrokenBySomeCase() throws Exception {
    List<String> reported =
        invalidResources()
            .map(Arguments::get)
            .map(
                a -> {
                  JsonNode base =
                      a[0].equals("ModelDeployment") ? MODEL_DEPLOYMENT : EDGE_NODE_POOL;
                  JsonNode resource = Crds.merge(base, Crds.yaml((String) a[2]));
                  return Crds.forKind((String) a[0]).admit(resource).message();
                })
            .toList();
    int rules = 0;
    for (String crd :
        List.of("modeldeployments.edgewise.dev-v1.yml", "edgenodepools.edgewise.dev-v1.yml")) {
      JsonNode root = YamlDocuments.read(Crds.ROOT.resolve("crds").resolve(crd)).get(0);
      for (JsonNode validation : root.findValues("x-kubernetes-validations")) {
        for (JsonNode rule : validation) {
          rules++;
          String message = rule.path("message").asText();
          assertThat(reported)
              .as("a case in the table breaks the rule %s of %s", rule.path("rule"), crd)
              .anySatisfy(m -> assertThat(m).contains(message));
        }
      }
    }
    assertThat(rules).as("CEL rules found in the CRDs").isGreaterThanOrEqualTo(9);
  }

  @Test
  void tableIsLargeEnough() {
    assertThat(invalidResources().count()).isGreaterThanOrEqualTo(18);
  }

  private static Arguments md(String what, String patch, String field, String fragment) {
    return Arguments.of("ModelDeployment", what, patch, field, fragment);
  }

  private static Arguments pool(String what, String patch, String field, String fragment) {
    return Arguments.of("EdgeNodePool", what, patch, field, fragment);
  }
}
