package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's own nodeSelector and required node affinity matching, by the Kubernetes rules. */
class NodeSelectorMatchTest {
  static final Map<String, String> EDGE =
      Map.of("node-role.kubernetes.io/edge", "", "topology.kubernetes.io/zone", "north");
  static final Map<String, String> YURT = Map.of("openyurt.io/is-edge-worker", "true");
  static final Map<String, String> CLOUD = Map.of("openyurt.io/is-edge-worker", "false");

  static NodeSelectorRequirement expression(String key, String operator, String... values) {
    return new NodeSelectorRequirement(key, operator, List.of(values));
  }

  static NodeSelectorTerm term(NodeSelectorRequirement... expressions) {
    return new NodeSelectorTermBuilder().withMatchExpressions(expressions).build();
  }

  static NodeSelector required(NodeSelectorTerm... terms) {
    return new NodeSelectorBuilder().withNodeSelectorTerms(terms).build();
  }

  @Test
  void inNeedsTheLabelWithOneOfTheValues() {
    NodeSelectorRequirement in = expression("topology.kubernetes.io/zone", "In", "north", "east");

    assertThat(NodeSelectorMatch.matches(in, EDGE)).isTrue();
    assertThat(NodeSelectorMatch.matches(in, Map.of("topology.kubernetes.io/zone", "west")))
        .isFalse();
    assertThat(NodeSelectorMatch.matches(in, Map.of())).isFalse();
  }

  @Test
  void notInMatchesAnAbsentLabelAndOtherValues() {
    NodeSelectorRequirement notIn = expression("openyurt.io/is-edge-worker", "NotIn", "true");

    assertThat(NodeSelectorMatch.matches(notIn, YURT)).isFalse();
    assertThat(NodeSelectorMatch.matches(notIn, CLOUD)).isTrue();
    assertThat(NodeSelectorMatch.matches(notIn, Map.of())).isTrue();
  }

  @Test
  void existsAndDoesNotExistLookAtTheKeyOnlyAnEmptyValueIsPresent() {
    assertThat(
            NodeSelectorMatch.matches(expression("node-role.kubernetes.io/edge", "Exists"), EDGE))
        .isTrue();
    assertThat(
            NodeSelectorMatch.matches(
                expression("node-role.kubernetes.io/edge", "DoesNotExist"), EDGE))
        .isFalse();
    assertThat(
            NodeSelectorMatch.matches(
                expression("node-role.kubernetes.io/edge", "DoesNotExist"), CLOUD))
        .isTrue();
  }

  @Test
  void operatorsTheSandboxDoesNotSimulateNeverMatch() {
    assertThat(NodeSelectorMatch.matches(expression("cpus", "Gt", "4"), Map.of("cpus", "8")))
        .isFalse();
    assertThat(NodeSelectorMatch.matches(expression("cpus", "Lt", "16"), Map.of("cpus", "8")))
        .isFalse();
  }

  @Test
  void expressionsOfATermAreAndedOnTheSameKeyToo() {
    NodeSelectorTerm zoneNorthOnly =
        term(
            expression("topology.kubernetes.io/zone", "Exists"),
            expression("topology.kubernetes.io/zone", "NotIn", "east"),
            expression("topology.kubernetes.io/zone", "In", "north", "east"));

    assertThat(NodeSelectorMatch.matchesTerm(zoneNorthOnly, EDGE)).isTrue();
    assertThat(
            NodeSelectorMatch.matchesTerm(
                zoneNorthOnly, Map.of("topology.kubernetes.io/zone", "east")))
        .isFalse();
  }

  @Test
  void termsAreOredAndAnEmptyTermOrOneWithMatchFieldsMatchesNoNode() {
    NodeSelector yurtOrEdge =
        required(
            term(expression("openyurt.io/is-edge-worker", "In", "true")),
            term(expression("node-role.kubernetes.io/edge", "Exists")));
    NodeSelectorTerm byName =
        new NodeSelectorTermBuilder()
            .addNewMatchField()
            .withKey("metadata.name")
            .withOperator("In")
            .withValues("edge-1")
            .endMatchField()
            .build();

    assertThat(NodeSelectorMatch.matchesRequired(yurtOrEdge, YURT)).isTrue();
    assertThat(NodeSelectorMatch.matchesRequired(yurtOrEdge, EDGE)).isTrue();
    assertThat(NodeSelectorMatch.matchesRequired(yurtOrEdge, CLOUD)).isFalse();
    assertThat(NodeSelectorMatch.matchesRequired(required(term()), CLOUD)).isFalse();
    assertThat(NodeSelectorMatch.matchesRequired(required(byName), EDGE)).isFalse();
    assertThat(NodeSelectorMatch.matchesRequired(required(), CLOUD)).isFalse();
    assertThat(NodeSelectorMatch.matchesRequired(null, CLOUD)).isTrue();
  }

  @Test
  void theNodeSelectorNeedsEveryKeyWithItsValue() {
    assertThat(NodeSelectorMatch.matchesNodeSelector(null, CLOUD)).isTrue();
    assertThat(NodeSelectorMatch.matchesNodeSelector(Map.of(), CLOUD)).isTrue();
    assertThat(
            NodeSelectorMatch.matchesNodeSelector(Map.of("node-role.kubernetes.io/edge", ""), EDGE))
        .isTrue();
    assertThat(
            NodeSelectorMatch.matchesNodeSelector(
                Map.of("node-role.kubernetes.io/edge", "", "topology.kubernetes.io/zone", "east"),
                EDGE))
        .isFalse();
    assertThat(
            NodeSelectorMatch.matchesNodeSelector(
                Map.of("openyurt.io/is-edge-worker", "true"), CLOUD))
        .isFalse();
  }
}
