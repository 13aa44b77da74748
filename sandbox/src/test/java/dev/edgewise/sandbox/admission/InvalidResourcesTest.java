package dev.edgewise.sandbox.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox's admission against the table of invalid resources ({@link InvalidResourceTable}):
 * each is refused naming the field and saying what kube-apiserver says.
 */
class InvalidResourcesTest {
  /** The table's valid ModelDeployment, for tests that break it in other ways. */
  static final JsonNode MODEL_DEPLOYMENT = base("ModelDeployment");

  /** The table's valid EdgeNodePool. */
  static final JsonNode EDGE_NODE_POOL = base("EdgeNodePool");

  static Stream<InvalidResourceTable.Case> invalidResources() throws IOException {
    return InvalidResourceTable.read(Crds.ROOT).stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidResources")
  void isRejectedNamingTheField(InvalidResourceTable.Case invalid) {
    AdmissionResult result = Crds.forKind(invalid.kind()).admit(invalid.resource());

    assertThat(result.allowed()).as(invalid.what()).isFalse();
    assertThat(result.errors())
        .as("%s: %s", invalid.what(), result.message())
        .anySatisfy(
            e -> {
              assertThat(e.causeField()).isEqualTo(invalid.field());
              assertThat(e.toString()).contains(invalid.message());
            });
    assertThat(result.message()).contains(invalid.message());
  }

  private static JsonNode base(String kind) {
    try {
      return InvalidResourceTable.base(Crds.ROOT, kind);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theBasesAreValid() throws IOException {
    for (String kind : List.of("ModelDeployment", "EdgeNodePool")) {
      assertThat(Crds.forKind(kind).validate(InvalidResourceTable.base(Crds.ROOT, kind)))
          .as(kind)
          .isEmpty();
    }
  }

  @Test
  void everyCelRuleOfTheCrdsIsBrokenBySomeCase() throws Exception {
    List<String> reported =
        invalidResources().map(c -> Crds.forKind(c.kind()).admit(c.resource()).message()).toList();
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
  void tableIsLargeEnough() throws IOException {
    assertThat(invalidResources().count()).isGreaterThanOrEqualTo(18);
  }
}
