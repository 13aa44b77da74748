package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
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
 * The last step of a reconciliation: one status row per placement, replica counts, the cloud
 * runtime of joint inference, and the RolledOut, Degraded and Ready conditions and the phase that
 * follow from everything before. A cloud runtime with no ready replica while edge runtimes serve is
 * Degraded ({@code CloudNotReady}), not a failure: the edge runtimes answer alone. Pure.
 */
public final class StatusSummary {
  private StatusSummary() {}

  /**
   * What the earlier steps found, as the summary needs it.
   *
   * @param cloud the cloud runtime of joint inference, null without it
   */
  public record Inputs(
      PlacementPlan plan,
      RolloutDecision rollout,
      Map<String, RunningRuntime> running,
      Map<String, Deployment> deploymentsByNode,
      boolean pipelineInFlight,
      boolean pipelineBlocked,
      CloudRuntimeStatus cloud) {

    /** Inputs without joint inference. */
    public Inputs(
        PlacementPlan plan,
        RolloutDecision rollout,
        Map<String, RunningRuntime> running,
        Map<String, Deployment> deploymentsByNode,
        boolean pipelineInFlight,
        boolean pipelineBlocked) {
      this(plan, rollout, running, deploymentsByNode, pipelineInFlight, pipelineBlocked, null);
    }
  }

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
    status.next().setCloud(in.cloud());

    rolledOut(in.rollout(), status);
    degraded(in, disconnected, ready, status);
    boolean allReady = desired > 0 && ready == desired && in.plan().satisfied();
    boolean rolling =
        in.rollout().outcome() == RolloutOutcome.PROGRESSING
            || in.rollout().outcome() == RolloutOutcome.PAUSED;
    if (allReady) {
      status.condition(
          Conditions.READY,
          true,
          "RuntimesReady",
          ready
              + "/"
              + desired
              + " edge runtimes ready"
              + (rolling ? " during a rollout" : "")
              + cloudReadiness(in.cloud()));
    } else {
      // Runtimes starting are a step; what keeps them from starting (no fitting nodes, a missed
      // step deadline, a disconnected node) is a Warning of its own condition, so Ready waits
      // without an Event of its own.
      status.waiting(
          Conditions.READY,
          desired == 0 ? "NothingPlaced" : "RuntimesNotReady",
          ready + "/" + desired + " edge runtimes ready" + cloudReadiness(in.cloud()));
    }
    status.next().setPhase(phase(in, allReady, rolling, status));
  }

  private static void rolledOut(RolloutDecision rollout, StatusDraft status) {
    switch (rollout.outcome()) {
      case STEADY, COMPLETED -> {
        if (rollout.stable() != null) {
          status.condition(Conditions.ROLLED_OUT, true, "RolledOut", rollout.message());
        } else {
          status.step(Conditions.ROLLED_OUT, "NoArtifact", rollout.message());
        }
      }
      case PENDING -> status.step(Conditions.ROLLED_OUT, "PlacementsPending", rollout.message());
      case PROGRESSING -> status.step(Conditions.ROLLED_OUT, "Progressing", rollout.message());
      case PAUSED -> status.step(Conditions.ROLLED_OUT, "Paused", rollout.message());
      case ROLLED_BACK ->
          status.condition(Conditions.ROLLED_OUT, false, "RolloutFailed", rollout.message());
      case STUCK ->
          status.condition(Conditions.ROLLED_OUT, false, "StepDeadlineExceeded", rollout.message());
    }
  }

  /** {@code "; cloud runtime 1/1 ready"} with joint inference, else nothing. */
  private static String cloudReadiness(CloudRuntimeStatus cloud) {
    return cloud == null
        ? ""
        : "; cloud runtime " + cloud.getReadyReplicas() + "/" + cloud.getReplicas() + " ready";
  }

  /** Edge runtimes serve but the cloud runtime has no ready replica to hand hard cases to. */
  static boolean cloudNotReady(CloudRuntimeStatus cloud, int readyEdgeRuntimes) {
    return cloud != null && readyEdgeRuntimes > 0 && cloud.getReadyReplicas() == 0;
  }

  private static void degraded(
      Inputs in, List<String> disconnected, int ready, StatusDraft status) {
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
    if (cloudNotReady(in.cloud(), ready)) {
      problems.add(
          "CloudNotReady: the cloud runtime has 0/"
              + in.cloud().getReplicas()
              + " replicas ready; the edge runtimes answer alone");
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
