package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CollaborationSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentSpec;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.RolloutSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spec checks the CRD schema cannot express. */
class SpecChecksTest {

  static ModelDeploymentSpec withSteps(Integer... steps) {
    ModelDeploymentSpec spec = Fixtures.vision().getSpec();
    RolloutSpec rollout = new RolloutSpec();
    rollout.setSteps(List.of(steps));
    spec.setRollout(rollout);
    return spec;
  }

  static ModelDeploymentSpec withCollaboration(CollaborationMode mode, Integer cloudReplicas) {
    ModelDeploymentSpec spec = Fixtures.vision().getSpec();
    CollaborationSpec collaboration = new CollaborationSpec();
    collaboration.setMode(mode);
    collaboration.setCloudReplicas(cloudReplicas);
    spec.setCollaboration(collaboration);
    return spec;
  }

  @Test
  void aPlainSpecHasNoProblems() {
    assertThat(SpecChecks.problems(Fixtures.vision().getSpec())).isEmpty();
    assertThat(SpecChecks.problems(withSteps())).isEmpty();
    assertThat(SpecChecks.problems(withSteps(10, 50, 100))).isEmpty();
  }

  @Test
  void stepsThatDoNotIncreaseAreAProblemNamingTheField() {
    assertThat(SpecChecks.problems(withSteps(50, 25, 100)))
        .containsExactly(
            "spec.rollout.steps: must increase, but step 1 (25%) is not above the one before it"
                + " (50%)");
  }

  @Test
  void onlyTheFirstNonIncreasingStepIsReported() {
    assertThat(SpecChecks.problems(withSteps(10, 50, 50, 20, 100)))
        .singleElement()
        .asString()
        .contains("step 2 (50%)");
  }

  @Test
  void jointInferenceWithoutCloudReplicasIsAProblem() {
    assertThat(SpecChecks.problems(withCollaboration(CollaborationMode.JointInference, 0)))
        .containsExactly(
            "spec.collaboration.cloudReplicas: JointInference needs at least one cloud replica");
  }

  @Test
  void zeroCloudReplicasAreFineForEdgeOnlyAndUnsetAreFineForJointInference() {
    assertThat(SpecChecks.problems(withCollaboration(CollaborationMode.EdgeOnly, 0))).isEmpty();
    assertThat(SpecChecks.problems(withCollaboration(CollaborationMode.JointInference, null)))
        .isEmpty();
    assertThat(SpecChecks.problems(withCollaboration(CollaborationMode.JointInference, 1)))
        .isEmpty();
  }

  static ModelDeployment named(String name, ModelDeploymentSpec spec) {
    ModelDeployment md = Fixtures.vision();
    md.getMetadata().setName(name);
    md.setSpec(spec);
    return md;
  }

  @Test
  void aNameThatEdgeRuntimesWouldShareWithCloudRuntimesIsAProblemNamingMetadataName() {
    assertThat(SpecChecks.problems(named("cloud-cover", Fixtures.vision().getSpec())))
        .singleElement()
        .asString()
        .startsWith("metadata.name: 'cloud-cover' must not be 'cloud' or start with 'cloud-'")
        .contains("'cloud-<md>'")
        .contains("Service 'cloud-cover'")
        .contains("Deployments 'cloud-cover-<node>'")
        .endsWith("choose another name");
    // EdgeOnly too: its Service would be the cloud Service of a ModelDeployment named cover.
    assertThat(SpecChecks.problems(named("cloud", Fixtures.vision().getSpec()))).hasSize(1);
    assertThat(SpecChecks.problems(named("cloud.cover", Fixtures.vision().getSpec()))).hasSize(1);
    assertThat(SpecChecks.problems(named("x-cloud", Fixtures.vision().getSpec()))).isEmpty();
    assertThat(SpecChecks.problems(named("cloudy", Fixtures.vision().getSpec()))).isEmpty();
  }

  @Test
  void validateThrowsEveryProblemAsOneInvalidSpecProblem() {
    ModelDeploymentSpec spec = withCollaboration(CollaborationMode.JointInference, 0);
    RolloutSpec rollout = new RolloutSpec();
    rollout.setSteps(List.of(100, 50));
    spec.setRollout(rollout);

    assertThatThrownBy(() -> SpecChecks.validate(named("cloud-vision", spec)))
        .isInstanceOfSatisfying(
            ReconcileProblem.class,
            problem -> {
              assertThat(problem.conditionType()).isEqualTo(Conditions.READY);
              assertThat(problem.reason()).isEqualTo("InvalidSpec");
              assertThat(problem.phase()).isEqualTo(Phase.Failed);
              assertThat(problem.getMessage())
                  .startsWith("metadata.name: 'cloud-vision'")
                  .contains("; spec.rollout.steps: must increase")
                  .contains("; spec.collaboration.cloudReplicas:");
            });
  }

  @Test
  void validateAcceptsAValidSpec() {
    assertThatCode(() -> SpecChecks.validate(named("vision", withSteps(25, 50, 100))))
        .doesNotThrowAnyException();
  }
}
