package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.draft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Events a status draft yields: {@code Normal} for healthy conditions and steps under way,
 * {@code Warning} for problems, none for a condition that did not change.
 */
class StatusDraftTest {

  @Test
  void aStepUnderWayIsANormalEventThoughItsConditionIsFalse() {
    StatusDraft status = draft(Fixtures.vision());

    status.step(Conditions.TRAINED, "TrainingStarted", "training job j on gpu-1");
    status.step(Conditions.ROLLED_OUT, "Progressing", "step 1 of 3");

    assertThat(status.events())
        .containsExactly(
            new StatusDraft.PendingEvent(false, "TrainingStarted", "training job j on gpu-1"),
            new StatusDraft.PendingEvent(false, "Progressing", "step 1 of 3"));
    assertThat(status.build().getConditions())
        .extracting(c -> c.getType() + "=" + c.getStatus())
        .containsExactlyInAnyOrder("Trained=False", "RolledOut=False");
  }

  @Test
  void aProblemIsAWarningAndAHealthyConditionNormal() {
    StatusDraft status = draft(Fixtures.vision());

    status.condition(Conditions.TRAINED, false, "TrainingFailed", "job j failed");
    status.condition(Conditions.DEGRADED, true, "Degraded", "edge-north-1 disconnected");
    status.condition(Conditions.PLACED, true, "Placed", "2 placements");

    assertThat(status.events())
        .containsExactly(
            new StatusDraft.PendingEvent(true, "TrainingFailed", "job j failed"),
            new StatusDraft.PendingEvent(true, "Degraded", "edge-north-1 disconnected"),
            new StatusDraft.PendingEvent(false, "Placed", "2 placements"));
  }

  @Test
  void aFirstHealthyDegradedIsQuietButItsRecoveryIsAnEvent() {
    StatusDraft fresh = draft(Fixtures.vision());
    fresh.condition(Conditions.DEGRADED, false, "AsPlanned", "every placement is as planned");
    assertThat(fresh.events()).isEmpty();

    ModelDeployment md = Fixtures.vision();
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(Conditions.DEGRADED)
                .withStatus("True")
                .withReason("Degraded")
                .build()));
    md.setStatus(previous);
    StatusDraft recovered = draft(md);
    recovered.condition(Conditions.DEGRADED, false, "AsPlanned", "every placement is as planned");
    assertThat(recovered.events())
        .containsExactly(
            new StatusDraft.PendingEvent(false, "AsPlanned", "every placement is as planned"));
  }

  @Test
  void aSummaryWaitingOnStepsYieldsNoEventOfItsOwn() {
    StatusDraft status = draft(Fixtures.vision());

    status.step(Conditions.ROLLED_OUT, "PlacementsPending", "0/2 placements run 1.0.0");
    status.waiting(Conditions.READY, "RuntimesNotReady", "0/2 edge runtimes ready");

    assertThat(status.events())
        .extracting(StatusDraft.PendingEvent::reason)
        .containsExactly("PlacementsPending");
    assertThat(status.isTrue(Conditions.READY)).isFalse();
    assertThat(status.conditionReason(Conditions.READY)).contains("RuntimesNotReady");
  }

  @Test
  void anUnchangedConditionYieldsNoEvent() {
    ModelDeployment md = Fixtures.vision();
    ModelDeploymentStatus previous = new ModelDeploymentStatus();
    previous.setConditions(
        List.of(
            new ConditionBuilder()
                .withType(Conditions.TRAINED)
                .withStatus("False")
                .withReason("Training")
                .build()));
    md.setStatus(previous);
    StatusDraft status = draft(md);

    status.step(Conditions.TRAINED, "Training", "job j is running on gpu-1");

    assertThat(status.events()).isEmpty();
  }
}
