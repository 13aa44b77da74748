package dev.edgewise.operator.deployment;

import static dev.edgewise.operator.deployment.Fixtures.NOW;
import static dev.edgewise.operator.deployment.Fixtures.draft;
import static dev.edgewise.operator.deployment.Fixtures.edgeNode;
import static dev.edgewise.operator.deployment.Fixtures.notReadyNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.CloudRuntimeStatus;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.api.v1alpha1.ReplicaCounts;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import dev.edgewise.operator.planner.CurrentPlacement;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import dev.edgewise.operator.planner.PlacementPlanner;
import dev.edgewise.operator.planner.PlacementRequest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Rows, counts, conditions and phase written at the end of a reconciliation. */
class StatusSummaryTest {
  static final ArtifactStatus V1 = RolloutPlannerTest.artifact("1.0.0");
  static final ArtifactStatus V2 = RolloutPlannerTest.artifact("2.0.0");

  static PlacementPlan plan(int replicas, List<CurrentPlacement> current, NodeView... nodes) {
    return PlacementPlanner.plan(
        PlacementRequest.builder()
            .pools("edge")
            .replicas(replicas)
            .cpuMillis(250)
            .memoryBytes(256L << 20)
            .build(),
        List.of(nodes),
        current,
        NOW);
  }

  static PlacementPlan twoNodes() {
    return plan(2, List.of(), edgeNode("n1", 4.0), edgeNode("n2", 12.0));
  }

  static RolloutDecision steady(ArtifactStatus stable) {
    return new RolloutDecision(
        stable == null ? Map.of() : Map.of("n1", stable, "n2", stable),
        stable,
        null,
        RolloutOutcome.STEADY,
        stable == null ? "no artifact to roll out yet" : "every placement runs version 1.0.0");
  }

  static RolloutDecision rolling(RolloutOutcome outcome, String message) {
    RolloutStatus rollout = new RolloutStatus();
    rollout.setTarget(V2);
    rollout.setStep(0);
    rollout.setPercent(50);
    return new RolloutDecision(Map.of("n1", V2, "n2", V1), V1, rollout, outcome, message);
  }

  static Map<String, RunningRuntime> running(String... nodeVersionReady) {
    Map<String, RunningRuntime> running = new HashMap<>();
    for (String spec : nodeVersionReady) {
      String[] parts = spec.split(":");
      running.put(parts[0], new RunningRuntime(parts[0], parts[1], Boolean.parseBoolean(parts[2])));
    }
    return running;
  }

  static Map<String, Deployment> deployments(String... nodes) {
    Map<String, Deployment> byNode = new LinkedHashMap<>();
    for (String node : nodes) {
      byNode.put(
          node,
          new DeploymentBuilder()
              .withNewMetadata()
              .withName("vision-" + node)
              .withCreationTimestamp("2026-02-01T08:00:00Z")
              .endMetadata()
              .build());
    }
    return byNode;
  }

  static StatusDraft write(
      PlacementPlan plan,
      RolloutDecision rollout,
      Map<String, RunningRuntime> running,
      boolean inFlight,
      boolean blocked) {
    StatusDraft status = draft(Fixtures.vision());
    StatusSummary.write(
        new StatusSummary.Inputs(
            plan, rollout, running, deployments("n1", "n2"), inFlight, blocked),
        status);
    return status;
  }

  static Condition condition(ModelDeploymentStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow();
  }

  static void assertCondition(
      ModelDeploymentStatus status, String type, String value, String reason, String message) {
    Condition c = condition(status, type);
    assertThat(c.getStatus()).as(type + " status").isEqualTo(value);
    assertThat(c.getReason()).as(type + " reason").isEqualTo(reason);
    if (message != null) {
      assertThat(c.getMessage()).as(type + " message").isEqualTo(message);
    }
  }

  @Test
  void aSteadyDeploymentWithEveryRuntimeReadyIsReady() {
    PlacementPlan plan = twoNodes();

    ModelDeploymentStatus status =
        write(plan, steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, false).build();

    assertThat(status.getReplicas()).isEqualTo(new ReplicaCounts(2, 2, 2));
    assertThat(status.getReady()).isEqualTo("2/2");
    assertThat(status.getArtifact()).isSameAs(V1);
    assertThat(status.getRollout()).isNull();
    assertCondition(status, Conditions.READY, "True", "RuntimesReady", "2/2 edge runtimes ready");
    assertCondition(
        status, Conditions.DEGRADED, "False", "AsPlanned", "every placement is as planned");
    assertCondition(
        status, Conditions.ROLLED_OUT, "True", "RolledOut", "every placement runs version 1.0.0");
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
  }

  @Test
  void aVersionPendingOnAPlacementIsNotRolledOut() {
    PlacementPlan plan = twoNodes();
    RolloutDecision pending =
        new RolloutDecision(
            Map.of("n1", V1, "n2", V1),
            V1,
            null,
            RolloutOutcome.PENDING,
            "version 1.0.0 runs on 1/2 placements; pending: n2 (disconnected)");

    StatusDraft status =
        write(plan, pending, running("n1:1.0.0:true", "n2:1.0.0:false"), false, false);

    assertCondition(
        status.build(),
        Conditions.ROLLED_OUT,
        "False",
        "PlacementsPending",
        "version 1.0.0 runs on 1/2 placements; pending: n2 (disconnected)");
    assertThat(status.events())
        .filteredOn(e -> e.reason().equals("PlacementsPending"))
        .singleElement()
        .satisfies(e -> assertThat(e.warning()).isFalse());
  }

  @Test
  void writesOneRowPerPlacementFromThePlanAndTheRuntimes() {
    PlacementPlan plan = twoNodes();

    ModelDeploymentStatus status =
        write(plan, steady(V1), running("n1:1.0.0:true"), false, false).build();

    assertThat(status.getPlacements())
        .extracting(PlacementStatus::getNode)
        .containsExactly("n1", "n2");
    PlacementStatus n1 = status.getPlacements().get(0);
    Placement planned = plan.placements().get(0);
    assertThat(n1.getPool()).isEqualTo("edge");
    assertThat(n1.getLatencyMs()).isEqualTo(4.0);
    assertThat(n1.getScore()).isCloseTo(planned.score(), within(0.05));
    assertThat(n1.getScore() * 10).isEqualTo(Math.rint(n1.getScore() * 10));
    assertThat(n1.getModelVersion()).isEqualTo("1.0.0");
    assertThat(n1.isReady()).isTrue();
    assertThat(n1.isDisconnected()).isFalse();
    assertThat(n1.getSince()).isEqualTo("2026-02-01T08:00:00Z");
    PlacementStatus n2 = status.getPlacements().get(1);
    assertThat(n2.getModelVersion()).isNull();
    assertThat(n2.isReady()).isFalse();
  }

  @Test
  void aRowWithoutDeploymentHasNoSince() {
    StatusDraft draft = draft(Fixtures.vision());
    StatusSummary.write(
        new StatusSummary.Inputs(
            twoNodes(), steady(V1), running("n1:1.0.0:true"), Map.of(), false, false),
        draft);

    assertThat(draft.build().getPlacements()).allSatisfy(r -> assertThat(r.getSince()).isNull());
  }

  @Test
  void runtimesNotYetReadyLeaveReadyFalseWithoutDegrading() {
    ModelDeploymentStatus status =
        write(twoNodes(), steady(V1), running("n1:1.0.0:true", "n2:1.0.0:false"), false, false)
            .build();

    assertThat(status.getReady()).isEqualTo("1/2");
    assertThat(status.getReplicas()).isEqualTo(new ReplicaCounts(2, 1, 1));
    assertCondition(
        status, Conditions.READY, "False", "RuntimesNotReady", "1/2 edge runtimes ready");
    assertCondition(status, Conditions.DEGRADED, "False", "AsPlanned", null);
    assertThat(status.getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void duringARolloutUpdatedCountsReadyRuntimesOnTheTarget() {
    ModelDeploymentStatus status =
        write(
                twoNodes(),
                rolling(RolloutOutcome.PROGRESSING, "step 1/2 (50% of placements) is starting"),
                running("n1:2.0.0:true", "n2:1.0.0:true"),
                false,
                false)
            .build();

    assertThat(status.getReplicas()).isEqualTo(new ReplicaCounts(2, 2, 1));
    assertThat(status.getArtifact()).isSameAs(V1);
    assertThat(status.getRollout().getTarget()).isSameAs(V2);
    assertCondition(
        status,
        Conditions.READY,
        "True",
        "RuntimesReady",
        "2/2 edge runtimes ready during a rollout");
    assertCondition(
        status,
        Conditions.ROLLED_OUT,
        "False",
        "Progressing",
        "step 1/2 (50% of placements) is starting");
    assertThat(status.getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void aPausedRolloutIsRollingOutWithRolledOutPaused() {
    ModelDeploymentStatus status =
        write(
                twoNodes(),
                rolling(RolloutOutcome.PAUSED, "annotate edgewise.dev/promote=1 to continue"),
                running("n1:2.0.0:true", "n2:1.0.0:true"),
                false,
                false)
            .build();

    assertCondition(status, Conditions.ROLLED_OUT, "False", "Paused", null);
    assertThat(status.getPhase()).isEqualTo(Phase.RollingOut);
  }

  @Test
  void aRolledBackRolloutDegradesTheDeploymentWithItsMessage() {
    RolloutStatus failed = RolloutPlannerTest.failed("2.0.0", 3L);
    RolloutDecision rolledBack =
        new RolloutDecision(
            Map.of("n1", V1, "n2", V1),
            V1,
            failed,
            RolloutOutcome.ROLLED_BACK,
            "step 1/2 of version 2.0.0 was not ready within 1m; rolled back to 1.0.0");

    ModelDeploymentStatus status =
        write(twoNodes(), rolledBack, running("n1:1.0.0:true", "n2:1.0.0:true"), false, false)
            .build();

    assertThat(status.getReplicas()).isEqualTo(new ReplicaCounts(2, 2, 2));
    assertThat(status.getRollout().getFailedVersion()).isEqualTo("2.0.0");
    assertCondition(status, Conditions.ROLLED_OUT, "False", "RolloutFailed", null);
    assertCondition(
        status,
        Conditions.DEGRADED,
        "True",
        "Degraded",
        "step 1/2 of version 2.0.0 was not ready within 1m; rolled back to 1.0.0");
    assertCondition(status, Conditions.READY, "True", "RuntimesReady", null);
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void aStuckRolloutDegradesWithStepDeadlineExceeded() {
    ModelDeploymentStatus status =
        write(
                twoNodes(),
                rolling(RolloutOutcome.STUCK, "step 1/2 was not ready within 1m"),
                running("n1:2.0.0:false", "n2:1.0.0:true"),
                false,
                false)
            .build();

    assertCondition(status, Conditions.ROLLED_OUT, "False", "StepDeadlineExceeded", null);
    assertThat(condition(status, Conditions.DEGRADED).getMessage())
        .isEqualTo("step 1/2 was not ready within 1m");
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void aDisconnectedPlacementIsNotReadyAndDegradesTheDeployment() {
    PlacementPlan plan =
        plan(
            2,
            List.of(new CurrentPlacement("n1", "edge"), new CurrentPlacement("n2", "edge")),
            edgeNode("n1", 4.0),
            notReadyNode("n2", 12.0, NOW.minus(Duration.ofMinutes(1))));

    ModelDeploymentStatus status =
        write(plan, steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, false).build();

    assertThat(plan.placements()).extracting(Placement::disconnected).containsExactly(false, true);
    PlacementStatus n2 = status.getPlacements().get(1);
    assertThat(n2.isDisconnected()).isTrue();
    assertThat(n2.isReady()).isFalse();
    assertThat(status.getReady()).isEqualTo("1/2");
    assertCondition(
        status,
        Conditions.DEGRADED,
        "True",
        "Degraded",
        "1 placement(s) on disconnected nodes, kept within the pool's grace period: n2");
    assertCondition(status, Conditions.READY, "False", "RuntimesNotReady", null);
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void anUnsatisfiedPlanIsNotReadyEvenWhenEveryPlacedRuntimeIs() {
    PlacementPlan plan = plan(3, List.of(), edgeNode("n1", 4.0), edgeNode("n2", 12.0));

    ModelDeploymentStatus status =
        write(plan, steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, false).build();

    assertThat(status.getReady()).isEqualTo("2/3");
    assertThat(status.getReplicas()).isEqualTo(new ReplicaCounts(3, 2, 2));
    assertCondition(status, Conditions.READY, "False", "RuntimesNotReady", null);
    assertThat(condition(status, Conditions.DEGRADED).getMessage()).isEqualTo(plan.summary());
    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
  }

  @Test
  void degradedJoinsEveryProblem() {
    PlacementPlan plan =
        plan(
            3,
            List.of(new CurrentPlacement("n2", "edge")),
            edgeNode("n1", 4.0),
            notReadyNode("n2", 12.0, NOW.minus(Duration.ofMinutes(1))));

    ModelDeploymentStatus status =
        write(plan, rolling(RolloutOutcome.STUCK, "stuck"), running("n1:1.0.0:true"), false, true)
            .build();

    assertThat(condition(status, Conditions.DEGRADED).getMessage())
        .isEqualTo(
            "1 placement(s) on disconnected nodes, kept within the pool's grace period: n2; "
                + plan.summary()
                + "; stuck; the wanted version cannot be produced; see the Trained and"
                + " Compressed conditions");
  }

  @Test
  void withNothingServingAndTrainingRunningThePhaseIsTraining() {
    StatusDraft draft = draft(Fixtures.vision());
    draft.next().setTraining(TrainingStage.stage("job", "gpu-1", "Running", "1.2.0", null));
    StatusSummary.write(
        new StatusSummary.Inputs(twoNodes(), steady(null), Map.of(), Map.of(), true, false), draft);

    ModelDeploymentStatus status = draft.build();

    assertThat(status.getPhase()).isEqualTo(Phase.Training);
    assertCondition(
        status, Conditions.ROLLED_OUT, "False", "NoArtifact", "no artifact to roll out yet");
    assertCondition(
        status, Conditions.READY, "False", "RuntimesNotReady", "0/2 edge runtimes ready");
    assertThat(status.getArtifact()).isNull();
  }

  @Test
  void withNothingServingAndTrainingDoneThePhaseIsCompressing() {
    StatusDraft trained = draft(Fixtures.vision());
    trained.next().setTraining(TrainingStage.stage("job", "gpu-1", "Succeeded", "1.2.0", null));
    StatusSummary.write(
        new StatusSummary.Inputs(twoNodes(), steady(null), Map.of(), Map.of(), true, false),
        trained);
    StatusDraft untrained = draft(Fixtures.vision());
    StatusSummary.write(
        new StatusSummary.Inputs(twoNodes(), steady(null), Map.of(), Map.of(), true, false),
        untrained);

    assertThat(trained.build().getPhase()).isEqualTo(Phase.Compressing);
    assertThat(untrained.build().getPhase()).isEqualTo(Phase.Compressing);
  }

  @Test
  void aBlockedPipelineWithoutAFittingGpuNodeIsPending() {
    StatusDraft draft = draft(Fixtures.vision());
    draft.condition(Conditions.TRAINED, false, "NoGpuNodeFits", "0/2 nodes fit: 2 no GPU");
    StatusSummary.write(
        new StatusSummary.Inputs(twoNodes(), steady(null), Map.of(), Map.of(), false, true), draft);

    ModelDeploymentStatus status = draft.build();

    assertThat(status.getPhase()).isEqualTo(Phase.Pending);
    assertThat(condition(status, Conditions.DEGRADED).getMessage())
        .contains("the wanted version cannot be produced");
  }

  @Test
  void anotherwiseBlockedPipelineWithNothingServingHasFailed() {
    StatusDraft draft = draft(Fixtures.vision());
    draft.condition(Conditions.COMPRESSED, false, "AccuracyGateFailed", "lost too much");
    StatusSummary.write(
        new StatusSummary.Inputs(twoNodes(), steady(null), Map.of(), Map.of(), false, true), draft);

    assertThat(draft.build().getPhase()).isEqualTo(Phase.Failed);
  }

  @Test
  void aBlockedNewVersionKeepsServingTheStableOneDegraded() {
    ModelDeploymentStatus status =
        write(twoNodes(), steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, true)
            .build();

    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertCondition(status, Conditions.READY, "True", "RuntimesReady", null);
  }

  @Test
  void nothingDesiredIsNotReadyAndPlacing() {
    PlacementPlan empty = plan(0, List.of());

    ModelDeploymentStatus status = write(empty, steady(V1), Map.of(), false, false).build();

    assertThat(status.getPlacements()).isEmpty();
    assertThat(status.getReady()).isEqualTo("0/0");
    assertCondition(status, Conditions.READY, "False", "NothingPlaced", "0/0 edge runtimes ready");
    assertThat(status.getPhase()).isEqualTo(Phase.Placing);
  }

  @Test
  void conditionsAreSortedByType() {
    ModelDeploymentStatus status =
        write(twoNodes(), steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, false)
            .build();

    assertThat(status.getConditions())
        .extracting(Condition::getType)
        .containsExactly(Conditions.DEGRADED, Conditions.READY, Conditions.ROLLED_OUT);
  }

  static CloudRuntimeStatus cloud(int ready) {
    CloudRuntimeStatus cloud = new CloudRuntimeStatus();
    cloud.setEndpoint("http://cloud-vision.factory.svc:8080");
    cloud.setReplicas(1);
    cloud.setReadyReplicas(ready);
    return cloud;
  }

  static ModelDeploymentStatus withCloud(Map<String, RunningRuntime> running, int cloudReady) {
    StatusDraft draft = draft(Fixtures.vision());
    StatusSummary.write(
        new StatusSummary.Inputs(
            twoNodes(),
            steady(V1),
            running,
            deployments("n1", "n2"),
            false,
            false,
            cloud(cloudReady)),
        draft);
    return draft.build();
  }

  @Test
  void aReadyCloudRuntimeIsReportedWithTheEdgeRuntimes() {
    ModelDeploymentStatus status = withCloud(running("n1:1.0.0:true", "n2:1.0.0:true"), 1);

    assertThat(status.getCloud()).isEqualTo(cloud(1));
    assertThat(status.getPhase()).isEqualTo(Phase.Ready);
    assertCondition(
        status,
        Conditions.READY,
        "True",
        "RuntimesReady",
        "2/2 edge runtimes ready; cloud runtime 1/1 ready");
    assertCondition(status, Conditions.DEGRADED, "False", "AsPlanned", null);
  }

  @Test
  void aCloudRuntimeWithNoReadyReplicaDegradesButTheEdgesStillServe() {
    ModelDeploymentStatus status = withCloud(running("n1:1.0.0:true", "n2:1.0.0:true"), 0);

    assertThat(status.getPhase()).isEqualTo(Phase.Degraded);
    assertCondition(
        status,
        Conditions.READY,
        "True",
        "RuntimesReady",
        "2/2 edge runtimes ready; cloud runtime 0/1 ready");
    assertCondition(
        status,
        Conditions.DEGRADED,
        "True",
        "Degraded",
        "CloudNotReady: the cloud runtime has 0/1 replicas ready; the edge runtimes answer alone");
  }

  @Test
  void whileNoEdgeRuntimeServesAnUnreadyCloudIsNotADegradation() {
    ModelDeploymentStatus status = withCloud(running(), 0);

    assertCondition(status, Conditions.DEGRADED, "False", "AsPlanned", null);
    assertCondition(
        status,
        Conditions.READY,
        "False",
        "RuntimesNotReady",
        "0/2 edge runtimes ready; cloud runtime 0/1 ready");
  }

  @Test
  void withoutJointInferenceThereIsNoCloudStatus() {
    ModelDeploymentStatus status =
        write(twoNodes(), steady(V1), running("n1:1.0.0:true", "n2:1.0.0:true"), false, false)
            .build();

    assertThat(status.getCloud()).isNull();
    assertCondition(status, Conditions.READY, "True", "RuntimesReady", "2/2 edge runtimes ready");
  }
}
