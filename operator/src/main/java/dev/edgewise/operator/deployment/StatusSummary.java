package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.api.v1alpha1.ReplicaCounts;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The last step of a reconciliation: one status row per placement, replica counts, and the
 * RolledOut, Degraded and Ready conditions and the phase that follow from everything before. Pure.
 */
public final class StatusSummary {
  private StatusSummary() {}

  /** What the earlier steps found, as the summary needs it. */
  public record Inputs(
      PlacementPlan plan,
      RolloutDecision rollout,
      Map<String, RunningRuntime> running,
      Map<String, Deployment> deploymentsByNode,
      boolean pipelineInFlight,
      boolean pipelineBlocked) {}

  public static void write(Inputs in, StatusDraft status) {
    List<PlacementStatus> rows = new ArrayList<>();
    int ready = 0;
    int updated = 0;
    List<String> disconnected = new ArrayList<>();
    String target = in.rollout().stable() == null ? null : in.rollout().stable().getVersion();
    ArtifactStatus wantedTarget =
        in.rollout().rollout() == null ? null : in.rollout().rollout().getTarget();
    if (wantedTarget != null) {
      target = wantedTarget.getVersion();
    }
    for (Placement placement : in.plan().placements()) {
      RunningRuntime runtime = in.running().get(placement.node());
      Deployment deployment = in.deploymentsByNode().get(placement.node());
      PlacementStatus row = new PlacementStatus();
      row.setNode(placement.node());
      row.setPool(placement.pool());
      row.setLatencyMs(placement.latencyMs());
      row.setScore(Math.round(placement.score() * 10.0) / 10.0);
      row.setDisconnected(placement.disconnected());
      row.setModelVersion(runtime == null ? null : runtime.version());
      row.setReady(runtime != null && runtime.ready() && !placement.disconnected());
      row.setSince(deployment == null ? null : deployment.getMetadata().getCreationTimestamp());
      rows.add(row);
      if (row.isReady()) {
        ready++;
        if (target != null && target.equals(runtime.version())) {
          updated++;
        }
      }
      if (placement.disconnected()) {
        disconnected.add(placement.node());
      }
    }
    int desired = in.plan().desired();
    status.next().setPlacements(rows);
    status.next().setReplicas(new ReplicaCounts(desired, ready, updated));
    status.next().setReady(ready + "/" + desired);
    status.next().setArtifact(in.rollout().stable());
    status.next().setRollout(in.rollout().rollout());

    rolledOut(in.rollout(), status);
    degraded(in, disconnected, status);
    boolean allReady = desired > 0 && ready == desired && in.plan().satisfied();
    boolean rolling =
        in.rollout().outcome() == RolloutOutcome.PROGRESSING
            || in.rollout().outcome() == RolloutOutcome.PAUSED;
    if (allReady) {
      status.condition(
          Conditions.READY,
          true,
          "RuntimesReady",
          ready + "/" + desired + " edge runtimes ready" + (rolling ? " during a rollout" : ""));
    } else {
      status.condition(
          Conditions.READY,
          false,
          desired == 0 ? "NothingPlaced" : "RuntimesNotReady",
          ready + "/" + desired + " edge runtimes ready");
    }
    status.next().setPhase(phase(in, allReady, rolling, status));
  }

  private static void rolledOut(RolloutDecision rollout, StatusDraft status) {
    switch (rollout.outcome()) {
      case STEADY, COMPLETED -> {
        if (rollout.stable() != null) {
          status.condition(Conditions.ROLLED_OUT, true, "RolledOut", rollout.message());
        } else {
          status.condition(Conditions.ROLLED_OUT, false, "NoArtifact", rollout.message());
        }
      }
      case PROGRESSING ->
          status.condition(Conditions.ROLLED_OUT, false, "Progressing", rollout.message());
      case PAUSED -> status.condition(Conditions.ROLLED_OUT, false, "Paused", rollout.message());
      case ROLLED_BACK ->
          status.condition(Conditions.ROLLED_OUT, false, "RolloutFailed", rollout.message());
      case STUCK ->
          status.condition(Conditions.ROLLED_OUT, false, "StepDeadlineExceeded", rollout.message());
    }
  }

  private static void degraded(Inputs in, List<String> disconnected, StatusDraft status) {
    List<String> problems = new ArrayList<>();
    if (!disconnected.isEmpty()) {
      problems.add(
          disconnected.size()
              + " placement(s) on disconnected nodes, kept within the pool's grace period: "
              + PlacementStage.abbreviate(disconnected));
    }
    if (!in.plan().satisfied()) {
      problems.add(in.plan().summary());
    }
    if (in.rollout().outcome() == RolloutOutcome.ROLLED_BACK
        || in.rollout().outcome() == RolloutOutcome.STUCK) {
      problems.add(in.rollout().message());
    }
    if (in.pipelineBlocked()) {
      problems.add(
          "the wanted version cannot be produced; see the Trained and Compressed conditions");
    }
    if (problems.isEmpty()) {
      status.condition(Conditions.DEGRADED, false, "AsPlanned", "every placement is as planned");
    } else {
      status.condition(Conditions.DEGRADED, true, "Degraded", String.join("; ", problems));
    }
  }

  private static Phase phase(Inputs in, boolean allReady, boolean rolling, StatusDraft status) {
    boolean nothingServing = in.rollout().stable() == null;
    if (nothingServing && in.pipelineInFlight()) {
      return status.next().getTraining() != null
              && !"Succeeded".equals(status.next().getTraining().getState())
          ? Phase.Training
          : Phase.Compressing;
    }
    if (nothingServing && in.pipelineBlocked()) {
      boolean mayFitLater =
          status.conditionReason(Conditions.TRAINED).filter("NoGpuNodeFits"::equals).isPresent();
      return mayFitLater ? Phase.Pending : Phase.Failed;
    }
    if (rolling) {
      return Phase.RollingOut;
    }
    if (allReady && !status.isTrue(Conditions.DEGRADED)) {
      return Phase.Ready;
    }
    if (status.isTrue(Conditions.DEGRADED)) {
      return Phase.Degraded;
    }
    return in.plan().placements().isEmpty() ? Phase.Placing : Phase.RollingOut;
  }
}
