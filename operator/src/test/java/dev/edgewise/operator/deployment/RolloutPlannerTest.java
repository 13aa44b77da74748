package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.RolloutSpec;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Step by step rollouts: canary steps, promotion, deadlines, rollback and its memory. */
class RolloutPlannerTest {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final long GENERATION = 7L;
  static final ArtifactStatus V1 = artifact("1.0.0");
  static final ArtifactStatus V2 = artifact("2.0.0");
  static final List<String> FOUR = List.of("n1", "n2", "n3", "n4");

  static ArtifactStatus artifact(String version) {
    ArtifactStatus artifact = new ArtifactStatus();
    artifact.setVersion(version);
    artifact.setUri("pvc://edgewise-artifacts/vision/" + version + "/model.ewz");
    artifact.setDigest("sha-" + version);
    return artifact;
  }

  static RolloutSpec canary() {
    RolloutSpec spec = new RolloutSpec();
    spec.setSteps(List.of(25, 50, 100));
    spec.setStepDeadline("1m");
    return spec;
  }

  /** A rollout in progress towards V2 at the given 0-based step, started {@code ago}. */
  static RolloutStatus inProgress(int step, Duration ago) {
    RolloutStatus rollout = new RolloutStatus();
    rollout.setTarget(artifact("2.0.0"));
    rollout.setStep(step);
    rollout.setStartedAt(NOW.minus(Duration.ofHours(1)).toString());
    rollout.setStepStartedAt(NOW.minus(ago).toString());
    return rollout;
  }

  static RolloutStatus failed(String version, long generation) {
    RolloutStatus rollout = new RolloutStatus();
    rollout.setFailedVersion(version);
    rollout.setFailedGeneration(generation);
    return rollout;
  }

  static Map<String, RunningRuntime> readyOn(String version, String... nodes) {
    Map<String, RunningRuntime> running = new HashMap<>();
    for (String node : nodes) {
      running.put(node, new RunningRuntime(node, version, true));
    }
    return running;
  }

  /** An input builder: canary spec, V1 stable, V2 wanted, four placements, nothing running. */
  static final class In {
    RolloutSpec spec = canary();
    long generation = GENERATION;
    ArtifactStatus stable = V1;
    ArtifactStatus wanted = V2;
    RolloutStatus previous;
    List<String> placements = FOUR;
    List<String> disconnected = List.of();
    Map<String, RunningRuntime> running = new HashMap<>();
    Integer promotedStep;
    Instant now = NOW;

    RolloutDecision decide() {
      return RolloutPlanner.decide(
          new RolloutPlanner.Input(
              spec,
              generation,
              stable,
              wanted,
              previous,
              placements,
              disconnected,
              running,
              promotedStep,
              now));
    }
  }

  static List<String> nodesOn(RolloutDecision decision, String version) {
    return decision.artifactByNode().entrySet().stream()
        .filter(e -> version.equals(e.getValue().getVersion()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  @Test
  void theFirstRolloutGoesStraightToTheWantedArtifact() {
    In in = new In();
    in.stable = null;
    in.running = readyOn("2.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(decision.stable()).isSameAs(V2);
    assertThat(nodesOn(decision, "2.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.rollout()).isNull();
    assertThat(decision.message()).isEqualTo("every placement runs version 2.0.0");
  }

  @Test
  void theSameArtifactIsSteadyOnEveryPlacement() {
    In in = new In();
    in.wanted = artifact("1.0.0");
    in.running = readyOn("1.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(nodesOn(decision, "1.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.rollout()).isNull();
  }

  @Test
  void aNewDigestOfTheSameVersionIsRolledOutStepByStep() {
    In in = new In();
    in.wanted = artifact("1.0.0");
    in.wanted.setDigest("sha-rebuilt");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.artifactByNode().get("n1").getDigest()).isEqualTo("sha-rebuilt");
    assertThat(decision.artifactByNode().get("n2").getDigest()).isEqualTo("sha-1.0.0");
  }

  @Test
  void withoutAWantedArtifactEverythingStaysOnTheStableOne() {
    In in = new In();
    in.wanted = null;

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(decision.stable()).isSameAs(V1);
    assertThat(nodesOn(decision, "1.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.message()).isEqualTo("no artifact to roll out yet");
  }

  @Test
  void withNeitherArtifactNothingIsServed() {
    In in = new In();
    in.wanted = null;
    in.stable = null;

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(decision.artifactByNode()).isEmpty();
    assertThat(decision.stable()).isNull();
  }

  @Test
  void theFirstCanaryStepMovesOnePlacementAndStartsTheClock() {
    RolloutDecision decision = new In().decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n1");
    assertThat(nodesOn(decision, "1.0.0")).containsExactly("n2", "n3", "n4");
    assertThat(decision.stable()).isSameAs(V1);
    RolloutStatus rollout = decision.rollout();
    assertThat(rollout.getTarget()).isSameAs(V2);
    assertThat(rollout.getStep()).isZero();
    assertThat(rollout.getPercent()).isEqualTo(25);
    assertThat(rollout.getStartedAt()).isEqualTo(NOW.toString());
    assertThat(rollout.getStepStartedAt()).isEqualTo(NOW.toString());
    assertThat(decision.message()).isEqualTo("step 1/3 (25% of placements) is starting");
  }

  @Test
  void theSecondStepMovesTwoPlacementsAndTheThirdAll() {
    In second = new In();
    second.previous = inProgress(1, Duration.ofSeconds(5));
    In third = new In();
    third.previous = inProgress(2, Duration.ofSeconds(5));

    RolloutDecision atSecond = second.decide();
    RolloutDecision atThird = third.decide();

    assertThat(nodesOn(atSecond, "2.0.0")).containsExactly("n1", "n2");
    assertThat(atSecond.rollout().getPercent()).isEqualTo(50);
    assertThat(nodesOn(atThird, "2.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(atThird.rollout().getPercent()).isEqualTo(100);
  }

  @Test
  void aCanaryOverFourPlacementsMovesOneThenTwoThenFourNodes() {
    In in = new In();
    List<Integer> movedPerDecision = new ArrayList<>();
    List<RolloutOutcome> outcomes = new ArrayList<>();
    RolloutDecision decision;
    int rounds = 0;
    do {
      decision = in.decide();
      outcomes.add(decision.outcome());
      List<String> onNew = nodesOn(decision, "2.0.0");
      movedPerDecision.add(onNew.size());
      // the runtimes the decision moved become ready before the next reconciliation
      Map<String, RunningRuntime> running = new HashMap<>();
      for (String node : in.placements) {
        String version = decision.artifactByNode().get(node).getVersion();
        running.put(node, new RunningRuntime(node, version, true));
      }
      in.running = running;
      in.previous = decision.rollout();
      in.stable = decision.stable();
      in.now = in.now.plusSeconds(5);
    } while (decision.outcome() != RolloutOutcome.COMPLETED && ++rounds < 10);

    assertThat(outcomes).last().isEqualTo(RolloutOutcome.COMPLETED);
    assertThat(movedPerDecision.stream().distinct().toList()).containsExactly(1, 2, 4);
    assertThat(decision.stable()).isSameAs(V2);
    assertThat(decision.rollout()).isNull();
    assertThat(nodesOn(decision, "2.0.0")).containsExactlyElementsOf(FOUR);
  }

  @Test
  void targetsAreConnectedPlacementsFirstThenByName() {
    In in = new In();
    in.placements = List.of("n4", "n1", "n3", "n2");
    in.disconnected = List.of("n1");

    RolloutDecision decision = in.decide();

    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n2");
    assertThat(RolloutPlanner.targets(in.placements, List.of("n1", "n2"), 50))
        .containsExactly("n3", "n4");
    assertThat(RolloutPlanner.targets(in.placements, List.of("n1"), 100))
        .containsExactly("n2", "n3", "n4", "n1");
  }

  @Test
  void aStepTargetsTheCeilingOfItsShareAndAtLeastOnePlacement() {
    assertThat(RolloutPlanner.targets(List.of("a", "b", "c"), List.of(), 50))
        .containsExactly("a", "b");
    assertThat(RolloutPlanner.targets(List.of("a", "b", "c"), List.of(), 1)).containsExactly("a");
    assertThat(RolloutPlanner.targets(FOUR, List.of(), 25)).containsExactly("n1");
    assertThat(RolloutPlanner.targets(List.of(), List.of(), 100)).isEmpty();
  }

  @Test
  void aReadyStepIsPromotedToTheNextStep() {
    In in = new In();
    in.previous = inProgress(0, Duration.ofSeconds(30));
    in.running = readyOn("2.0.0", "n1");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(1);
    assertThat(decision.rollout().getPercent()).isEqualTo(50);
    assertThat(decision.rollout().getStepStartedAt()).isEqualTo(NOW.toString());
    assertThat(decision.rollout().getStartedAt()).isEqualTo(in.previous.getStartedAt());
    assertThat(decision.artifactByNode().get("n1")).isSameAs(V2);
    assertThat(decision.artifactByNode().get("n2"))
        .as("the next step's placements move in the same decision")
        .isSameAs(V2);
    assertThat(decision.artifactByNode().get("n3")).isSameAs(V1);
    assertThat(decision.message())
        .isEqualTo("step 1/3 (25% of placements) is ready; moving to step 2");
  }

  @Test
  void aStepIsNotPromotedWhileItsTargetIsNotReady() {
    In in = new In();
    in.previous = inProgress(0, Duration.ofSeconds(30));
    in.running = Map.of("n1", new RunningRuntime("n1", "2.0.0", false));

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isZero();
    assertThat(decision.rollout().getStepStartedAt()).isEqualTo(in.previous.getStepStartedAt());
    assertThat(decision.message()).endsWith("is starting");
  }

  @Test
  void aTargetReadyOnTheOldVersionDoesNotCountAsReady() {
    In in = new In();
    in.previous = inProgress(0, Duration.ofSeconds(30));
    in.running = readyOn("1.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isZero();
  }

  @Test
  void readinessOfPlacementsOutsideTheStepDoesNotPromoteIt() {
    In in = new In();
    in.previous = inProgress(1, Duration.ofSeconds(30));
    in.running = readyOn("2.0.0", "n1", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(1);
  }

  @Test
  void withoutAutoPromoteAReadyStepPausesUntilItIsPromoted() {
    In in = new In();
    in.spec.setAutoPromote(false);
    in.previous = inProgress(0, Duration.ofMinutes(5));
    in.running = readyOn("2.0.0", "n1");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PAUSED);
    assertThat(decision.rollout().getStep()).isZero();
    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n1");
    assertThat(decision.message())
        .isEqualTo(
            "step 1/3 (25% of placements) is ready; annotate edgewise.dev/promote=1 to continue");
  }

  @Test
  void aPausedStepContinuesWhenPromotedStepNamesItsOneBasedNumber() {
    In in = new In();
    in.spec.setAutoPromote(false);
    in.previous = inProgress(1, Duration.ofSeconds(30));
    in.running = readyOn("2.0.0", "n1", "n2");
    in.promotedStep = 2;

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(2);
    assertThat(decision.rollout().getPercent()).isEqualTo(100);
  }

  @Test
  void promotingAnEarlierOrLaterStepDoesNotContinue() {
    In earlier = new In();
    earlier.spec.setAutoPromote(false);
    earlier.previous = inProgress(1, Duration.ofSeconds(30));
    earlier.running = readyOn("2.0.0", "n1", "n2");
    earlier.promotedStep = 1;
    In later = new In();
    later.spec.setAutoPromote(false);
    later.previous = inProgress(1, Duration.ofSeconds(30));
    later.running = readyOn("2.0.0", "n1", "n2");
    later.promotedStep = 3;

    assertThat(earlier.decide().outcome()).isEqualTo(RolloutOutcome.PAUSED);
    assertThat(later.decide().outcome()).isEqualTo(RolloutOutcome.PAUSED);
  }

  @Test
  void aPausedStepDoesNotMissItsDeadline() {
    In in = new In();
    in.spec.setAutoPromote(false);
    in.previous = inProgress(0, Duration.ofHours(2));
    in.running = readyOn("2.0.0", "n1");

    assertThat(in.decide().outcome()).isEqualTo(RolloutOutcome.PAUSED);
  }

  @Test
  void theLastStepCompletesWithoutPromotionEvenWithoutAutoPromote() {
    In in = new In();
    in.spec.setAutoPromote(false);
    in.previous = inProgress(2, Duration.ofSeconds(30));
    in.running = readyOn("2.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.COMPLETED);
  }

  @Test
  void completingMakesTheTargetStableAndClearsTheRollout() {
    In in = new In();
    in.previous = inProgress(2, Duration.ofSeconds(30));
    in.running = readyOn("2.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.COMPLETED);
    assertThat(decision.stable()).isSameAs(V2);
    assertThat(decision.rollout()).isNull();
    assertThat(nodesOn(decision, "2.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.message()).isEqualTo("rolled out version 2.0.0 to every placement");
  }

  @Test
  void missingTheStepDeadlineRollsEveryPlacementBackToStable() {
    In in = new In();
    in.previous = inProgress(1, Duration.ofSeconds(61));
    in.running = readyOn("2.0.0", "n1");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(nodesOn(decision, "1.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.stable()).isSameAs(V1);
    assertThat(decision.rollout().getFailedVersion()).isEqualTo("2.0.0");
    assertThat(decision.rollout().getFailedGeneration()).isEqualTo(GENERATION);
    assertThat(decision.rollout().getTarget()).isNull();
    assertThat(decision.rollout().getStartedAt()).isEqualTo(in.previous.getStartedAt());
    assertThat(decision.message())
        .isEqualTo(
            "step 2/3 (50% of placements) of version 2.0.0 was not ready within 1m; rolled back"
                + " to 1.0.0");
  }

  @Test
  void theDeadlineCountsFromTheStartOfTheStepInclusive() {
    In before = new In();
    before.previous = inProgress(0, Duration.ofSeconds(59));
    In at = new In();
    at.previous = inProgress(0, Duration.ofSeconds(60));

    assertThat(before.decide().outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(at.decide().outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
  }

  @Test
  void theSameVersionAtTheSameGenerationStaysRolledBack() {
    In in = new In();
    in.previous = failed("2.0.0", GENERATION);
    in.running = readyOn("1.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(nodesOn(decision, "1.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.stable()).isSameAs(V1);
    assertThat(decision.rollout().getFailedVersion()).isEqualTo("2.0.0");
    assertThat(decision.rollout().getFailedGeneration()).isEqualTo(GENERATION);
    assertThat(decision.message())
        .isEqualTo("version 2.0.0 was rolled back; serving 1.0.0 until the spec changes");
  }

  @Test
  void aRolledBackRolloutStaysRolledBackOnTheNextReconciliation() {
    In first = new In();
    first.previous = inProgress(0, Duration.ofMinutes(2));
    RolloutDecision rolledBack = first.decide();
    In next = new In();
    next.previous = rolledBack.rollout();
    next.stable = rolledBack.stable();
    next.now = NOW.plusSeconds(5);

    RolloutDecision decision = next.decide();

    assertThat(rolledBack.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(nodesOn(decision, "2.0.0")).isEmpty();
  }

  @Test
  void aNewGenerationRetriesTheFailedVersionFromTheFirstStep() {
    In in = new In();
    in.previous = failed("2.0.0", GENERATION);
    in.generation = GENERATION + 1;

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n1");
    assertThat(decision.rollout().getStep()).isZero();
    assertThat(decision.rollout().getTarget()).isSameAs(V2);
    assertThat(decision.rollout().getStepStartedAt()).isEqualTo(NOW.toString());
  }

  @Test
  void anotherVersionIsRolledOutDespiteAnEarlierFailure() {
    In in = new In();
    in.previous = failed("2.0.0", GENERATION);
    in.wanted = artifact("3.0.0");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(nodesOn(decision, "3.0.0")).containsExactly("n1");
  }

  @Test
  void aSteadyDecisionRemembersTheLastFailure() {
    In in = new In();
    in.wanted = artifact("1.0.0");
    RolloutStatus previous = failed("2.0.0", GENERATION);
    previous.setStartedAt("2026-03-01T11:00:00Z");
    in.previous = previous;
    in.running = readyOn("1.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(decision.rollout().getFailedVersion()).isEqualTo("2.0.0");
    assertThat(decision.rollout().getFailedGeneration()).isEqualTo(GENERATION);
    assertThat(decision.rollout().getStartedAt()).isNull();
  }

  @Test
  void withoutRollbackOnFailureAMissedDeadlineLeavesTheRolloutStuck() {
    In in = new In();
    in.spec.setRollbackOnFailure(false);
    in.previous = inProgress(1, Duration.ofMinutes(3));
    in.running = readyOn("2.0.0", "n1");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.STUCK);
    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n1", "n2");
    assertThat(decision.stable()).isSameAs(V1);
    assertThat(decision.rollout().getStep()).isEqualTo(1);
    assertThat(decision.rollout().getFailedVersion()).isNull();
    assertThat(decision.message())
        .isEqualTo("step 2/3 (50% of placements) of version 2.0.0 was not ready within 1m");
  }

  @Test
  void aStuckStepStillPromotesOnceItsRuntimesBecomeReady() {
    In in = new In();
    in.spec.setRollbackOnFailure(false);
    in.previous = inProgress(1, Duration.ofMinutes(3));
    in.running = readyOn("2.0.0", "n1", "n2");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(2);
  }

  @Test
  void disconnectedTargetsDoNotBlockAStep() {
    In in = new In();
    in.disconnected = List.of("n3", "n4");
    in.previous = inProgress(2, Duration.ofMinutes(5));
    in.running = readyOn("2.0.0", "n1", "n2");

    RolloutDecision decision = in.decide();

    // The version becomes the stable one, but it is not rolled out: two placements are pending.
    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PENDING);
    assertThat(decision.stable()).isSameAs(V2);
    assertThat(decision.rollout()).isNull();
    assertThat(nodesOn(decision, "2.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.message())
        .isEqualTo(
            "version 2.0.0 runs on 2/4 placements; pending: n3 (disconnected), n4 (disconnected)");
  }

  @Test
  void aSteadyVersionIsPendingOnADisconnectedPlacementUntilItRunsThereReady() {
    In in = new In();
    in.stable = V2;
    in.disconnected = List.of("n3");
    in.running = readyOn("2.0.0", "n1", "n2", "n4");
    in.running.put("n3", new RunningRuntime("n3", "2.0.0", false));

    RolloutDecision pending = in.decide();

    assertThat(pending.outcome()).isEqualTo(RolloutOutcome.PENDING);
    assertThat(pending.message())
        .isEqualTo("version 2.0.0 runs on 3/4 placements; pending: n3 (disconnected)");
    assertThat(nodesOn(pending, "2.0.0")).containsExactlyElementsOf(FOUR);

    in.disconnected = List.of();
    in.running = readyOn("2.0.0", "n1", "n2", "n3", "n4");

    RolloutDecision steady = in.decide();

    assertThat(steady.outcome()).isEqualTo(RolloutOutcome.STEADY);
    assertThat(steady.message()).isEqualTo("every placement runs version 2.0.0");
  }

  @Test
  void aSteadyVersionIsPendingWhileARuntimeStarts() {
    In in = new In();
    in.stable = V2;
    in.running = readyOn("2.0.0", "n1", "n2", "n3");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PENDING);
    assertThat(decision.message())
        .isEqualTo("version 2.0.0 runs on 3/4 placements; pending: n4 (starting)");
  }

  @Test
  void aDisconnectedTargetInAnIntermediateStepDoesNotBlockPromotion() {
    In in = new In();
    in.disconnected = List.of("n2", "n3", "n4");
    in.previous = inProgress(1, Duration.ofSeconds(10));
    in.running = readyOn("2.0.0", "n1");

    RolloutDecision decision = in.decide();

    // Step 2 (n1, n2) is done since n2 is disconnected; step 3 (every placement) starts at once.
    assertThat(decision.artifactByNode())
        .contains(entry("n1", V2), entry("n2", V2), entry("n3", V2), entry("n4", V2));
    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(2);
  }

  @Test
  void aConnectedTargetThatIsNotReadyStillBlocks() {
    In in = new In();
    in.disconnected = List.of("n4");
    in.previous = inProgress(2, Duration.ofSeconds(10));
    in.running = readyOn("2.0.0", "n1", "n2");

    RolloutDecision decision = in.decide();

    assertThat(decision.outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(decision.rollout().getStep()).isEqualTo(2);
  }

  @Test
  void withoutStepsTheRolloutIsOneStepOfEveryPlacement() {
    In in = new In();
    in.spec = new RolloutSpec();

    RolloutDecision decision = in.decide();

    assertThat(nodesOn(decision, "2.0.0")).containsExactlyElementsOf(FOUR);
    assertThat(decision.rollout().getPercent()).isEqualTo(100);
    assertThat(decision.message()).isEqualTo("step 1/1 (100% of placements) is starting");
  }

  @Test
  void withoutASpecTheStepDeadlineIsTenMinutesAndFailureRollsBack() {
    In nineMinutes = new In();
    nineMinutes.spec = null;
    nineMinutes.previous = inProgress(0, Duration.ofMinutes(9));
    In tenMinutes = new In();
    tenMinutes.spec = null;
    tenMinutes.previous = inProgress(0, Duration.ofMinutes(10));

    RolloutDecision tenDecision = tenMinutes.decide();

    assertThat(nineMinutes.decide().outcome()).isEqualTo(RolloutOutcome.PROGRESSING);
    assertThat(tenDecision.outcome()).isEqualTo(RolloutOutcome.ROLLED_BACK);
    assertThat(tenDecision.message()).contains("was not ready within 10m");
  }

  @Test
  void aChangeOfTargetMidRolloutStartsOverAtTheFirstStep() {
    In in = new In();
    in.previous = inProgress(2, Duration.ofSeconds(10));
    in.wanted = artifact("3.0.0");

    RolloutDecision decision = in.decide();

    assertThat(decision.rollout().getStep()).isZero();
    assertThat(decision.rollout().getTarget().getVersion()).isEqualTo("3.0.0");
    assertThat(decision.rollout().getStartedAt()).isEqualTo(NOW.toString());
    assertThat(nodesOn(decision, "3.0.0")).containsExactly("n1");
  }

  @Test
  void aRolloutWhoseStepsShrankBelowItsStepStartsOver() {
    In in = new In();
    in.previous = inProgress(2, Duration.ofSeconds(10));
    in.spec.setSteps(List.of(50, 100));

    RolloutDecision decision = in.decide();

    assertThat(decision.rollout().getStep()).isZero();
    assertThat(decision.rollout().getPercent()).isEqualTo(50);
    assertThat(nodesOn(decision, "2.0.0")).containsExactly("n1", "n2");
  }

  @Test
  void theDecisionDoesNotChangeThePreviousStatus() {
    In in = new In();
    RolloutStatus previous = inProgress(0, Duration.ofSeconds(30));
    in.previous = previous;
    in.running = readyOn("2.0.0", "n1");

    in.decide();

    assertThat(previous.getStep()).isZero();
    assertThat(previous.getStepStartedAt()).isEqualTo(NOW.minusSeconds(30).toString());
  }
}
