package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.RolloutSpec;
import dev.edgewise.api.v1alpha1.RolloutStatus;
import dev.edgewise.operator.planner.GoDuration;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, step by step, which placements serve the new version: a growing share given by {@code
 * spec.rollout.steps}, each step promoted once its runtimes are ready, rolled back when it misses
 * its deadline. Pure: everything it needs comes in as arguments, and its state lives in the
 * ModelDeployment's status.
 */
public final class RolloutPlanner {
  private static final Duration DEFAULT_STEP_DEADLINE = Duration.ofMinutes(10);

  private RolloutPlanner() {}

  /** The inputs of one decision. */
  public record Input(
      RolloutSpec spec,
      long generation,
      ArtifactStatus stable,
      ArtifactStatus wanted,
      RolloutStatus previous,
      List<String> placements,
      List<String> disconnected,
      Map<String, RunningRuntime> running,
      Integer promotedStep,
      Instant now) {}

  /**
   * Decides, and says what is true: a steady or completed version that some placement does not run
   * ready is {@link RolloutOutcome#PENDING}, naming the placements.
   */
  public static RolloutDecision decide(Input in) {
    RolloutDecision decision = decideSteps(in);
    boolean settled =
        decision.outcome() == RolloutOutcome.STEADY
            || decision.outcome() == RolloutOutcome.COMPLETED;
    if (!settled || decision.stable() == null || in.wanted() == null) {
      return decision;
    }
    return pending(in, decision.stable())
        .map(
            message ->
                new RolloutDecision(
                    decision.artifactByNode(),
                    decision.stable(),
                    decision.rollout(),
                    RolloutOutcome.PENDING,
                    message))
        .orElse(decision);
  }

  /**
   * What is left for {@code version} to run ready on every placement, if anything: {@code "version
   * 2.0.0 runs on 3/4 placements; pending: n4 (disconnected)"}.
   */
  private static Optional<String> pending(Input in, ArtifactStatus version) {
    List<String> pending = new ArrayList<>();
    for (String node : in.placements()) {
      if (!isReadyOn(in.running().get(node), version.getVersion())) {
        pending.add(node + (in.disconnected().contains(node) ? " (disconnected)" : " (starting)"));
      }
    }
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        "version "
            + version.getVersion()
            + " runs on "
            + (in.placements().size() - pending.size())
            + "/"
            + in.placements().size()
            + " placements; pending: "
            + String.join(", ", pending));
  }

  private static RolloutDecision decideSteps(Input in) {
    if (in.wanted() == null) {
      return steady(in, in.stable(), keepFailure(in.previous()), "no artifact to roll out yet");
    }
    if (in.stable() == null || sameArtifact(in.stable(), in.wanted())) {
      return steady(
          in,
          in.wanted(),
          keepFailure(in.previous()),
          "every placement runs version " + in.wanted().getVersion());
    }
    if (failedBefore(in)) {
      return new RolloutDecision(
          all(in.placements(), in.stable()),
          in.stable(),
          in.previous(),
          RolloutOutcome.ROLLED_BACK,
          "version "
              + in.wanted().getVersion()
              + " was rolled back; serving "
              + in.stable().getVersion()
              + " until the spec changes");
    }
    return progress(in);
  }

  private static RolloutDecision progress(Input in) {
    List<Integer> steps = steps(in.spec());
    RolloutStatus rollout = startOrContinue(in, steps);
    int percent = steps.get(rollout.getStep());
    rollout.setPercent(percent);
    List<String> targets = targets(in.placements(), in.disconnected(), percent);
    Map<String, ArtifactStatus> byNode = byNode(in, targets);
    boolean stepReady =
        targets.stream()
            .filter(n -> !in.disconnected().contains(n))
            .allMatch(n -> isReadyOn(in.running().get(n), in.wanted().getVersion()));
    String where =
        "step "
            + (rollout.getStep() + 1)
            + "/"
            + steps.size()
            + " ("
            + percent
            + "% of placements)";
    if (stepReady) {
      if (rollout.getStep() == steps.size() - 1) {
        return new RolloutDecision(
            all(in.placements(), in.wanted()),
            in.wanted(),
            null,
            RolloutOutcome.COMPLETED,
            "rolled out version " + in.wanted().getVersion() + " to every placement");
      }
      if (autoPromote(in.spec()) || Objects.equals(in.promotedStep(), rollout.getStep() + 1)) {
        rollout.setStep(rollout.getStep() + 1);
        rollout.setPercent(steps.get(rollout.getStep()));
        rollout.setStepStartedAt(in.now().toString());
        // The next step's placements move now: nothing else would trigger a reconciliation.
        return new RolloutDecision(
            byNode(in, targets(in.placements(), in.disconnected(), rollout.getPercent())),
            in.stable(),
            rollout,
            RolloutOutcome.PROGRESSING,
            where + " is ready; moving to step " + (rollout.getStep() + 1));
      }
      return new RolloutDecision(
          byNode,
          in.stable(),
          rollout,
          RolloutOutcome.PAUSED,
          where
              + " is ready; annotate edgewise.dev/promote="
              + (rollout.getStep() + 1)
              + " to continue");
    }
    Instant deadline = stepDeadline(in.spec(), rollout).orElseThrow();
    if (!in.now().isBefore(deadline)) {
      String missed =
          where
              + " of version "
              + in.wanted().getVersion()
              + " was not ready within "
              + Optional.ofNullable(in.spec()).map(RolloutSpec::getStepDeadline).orElse("10m");
      if (rollbackOnFailure(in.spec())) {
        RolloutStatus failed = new RolloutStatus();
        failed.setFailedVersion(in.wanted().getVersion());
        failed.setFailedGeneration(in.generation());
        failed.setStartedAt(rollout.getStartedAt());
        return new RolloutDecision(
            all(in.placements(), in.stable()),
            in.stable(),
            failed,
            RolloutOutcome.ROLLED_BACK,
            missed + "; rolled back to " + in.stable().getVersion());
      }
      return new RolloutDecision(byNode, in.stable(), rollout, RolloutOutcome.STUCK, missed);
    }
    return new RolloutDecision(
        byNode, in.stable(), rollout, RolloutOutcome.PROGRESSING, where + " is starting");
  }

  private static RolloutStatus startOrContinue(Input in, List<Integer> steps) {
    RolloutStatus previous = in.previous();
    if (previous != null
        && previous.getTarget() != null
        && sameArtifact(previous.getTarget(), in.wanted())
        && previous.getStep() < steps.size()) {
      RolloutStatus copy = new RolloutStatus();
      copy.setTarget(previous.getTarget());
      copy.setStep(previous.getStep());
      copy.setStartedAt(previous.getStartedAt());
      copy.setStepStartedAt(previous.getStepStartedAt());
      return copy;
    }
    RolloutStatus fresh = new RolloutStatus();
    fresh.setTarget(in.wanted());
    fresh.setStep(0);
    fresh.setStartedAt(in.now().toString());
    fresh.setStepStartedAt(in.now().toString());
    return fresh;
  }

  /** The wanted artifact on a step's targets, the stable one on the other placements. */
  private static Map<String, ArtifactStatus> byNode(Input in, List<String> targets) {
    Map<String, ArtifactStatus> byNode = new LinkedHashMap<>();
    for (String node : in.placements()) {
      byNode.put(node, targets.contains(node) ? in.wanted() : in.stable());
    }
    return byNode;
  }

  /** The placements a step moves: connected ones first, then by name; at least one. */
  static List<String> targets(List<String> placements, List<String> disconnected, int percent) {
    int count = (int) Math.ceil(placements.size() * percent / 100.0);
    List<String> ordered = new ArrayList<>(placements);
    ordered.sort(
        (a, b) -> {
          int connected = Boolean.compare(disconnected.contains(a), disconnected.contains(b));
          return connected != 0 ? connected : a.compareTo(b);
        });
    return ordered.subList(
        0, Math.min(ordered.size(), Math.max(count, placements.isEmpty() ? 0 : 1)));
  }

  private static RolloutDecision steady(
      Input in, ArtifactStatus artifact, RolloutStatus remembered, String message) {
    return new RolloutDecision(
        artifact == null ? Map.of() : all(in.placements(), artifact),
        artifact,
        remembered,
        RolloutOutcome.STEADY,
        message);
  }

  private static RolloutStatus keepFailure(RolloutStatus previous) {
    if (previous == null || previous.getFailedVersion() == null) {
      return null;
    }
    RolloutStatus failure = new RolloutStatus();
    failure.setFailedVersion(previous.getFailedVersion());
    failure.setFailedGeneration(previous.getFailedGeneration());
    return failure;
  }

  private static boolean failedBefore(Input in) {
    return in.previous() != null
        && Objects.equals(in.previous().getFailedVersion(), in.wanted().getVersion())
        && Objects.equals(in.previous().getFailedGeneration(), in.generation());
  }

  private static Map<String, ArtifactStatus> all(List<String> nodes, ArtifactStatus artifact) {
    Map<String, ArtifactStatus> byNode = new LinkedHashMap<>();
    nodes.forEach(n -> byNode.put(n, artifact));
    return byNode;
  }

  static boolean sameArtifact(ArtifactStatus a, ArtifactStatus b) {
    return Objects.equals(a.getVersion(), b.getVersion())
        && Objects.equals(a.getDigest(), b.getDigest())
        && Objects.equals(a.getUri(), b.getUri());
  }

  private static boolean isReadyOn(RunningRuntime runtime, String version) {
    return runtime != null && runtime.ready() && version.equals(runtime.version());
  }

  private static List<Integer> steps(RolloutSpec spec) {
    return spec == null || spec.getSteps() == null || spec.getSteps().isEmpty()
        ? List.of(100)
        : spec.getSteps();
  }

  private static boolean autoPromote(RolloutSpec spec) {
    return spec == null || !Boolean.FALSE.equals(spec.getAutoPromote());
  }

  private static boolean rollbackOnFailure(RolloutSpec spec) {
    return spec == null || !Boolean.FALSE.equals(spec.getRollbackOnFailure());
  }

  /** When the current step of a rollout in progress misses its deadline. */
  static Optional<Instant> stepDeadline(RolloutSpec spec, RolloutStatus rollout) {
    return Optional.ofNullable(rollout)
        .map(RolloutStatus::getStepStartedAt)
        .map(started -> Instant.parse(started).plus(stepDeadline(spec)));
  }

  private static Duration stepDeadline(RolloutSpec spec) {
    return spec == null || spec.getStepDeadline() == null
        ? DEFAULT_STEP_DEADLINE
        : GoDuration.parse(spec.getStepDeadline());
  }
}
