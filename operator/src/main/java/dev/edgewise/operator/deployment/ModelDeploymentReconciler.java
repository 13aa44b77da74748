package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.operator.OperatorSettings;
import dev.edgewise.operator.cluster.NodeInventory;
import dev.edgewise.operator.cluster.NodeSnapshotCache;
import dev.edgewise.operator.events.EventRecorder;
import dev.edgewise.operator.metrics.FleetMetrics;
import dev.edgewise.operator.planner.NodeViews;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PlacementPlan;
import dev.edgewise.operator.planner.PoolSettings;
import dev.edgewise.operator.pool.PoolMembers;
import dev.edgewise.operator.status.StatusPatches;
import dev.edgewise.operator.workload.EdgeRuntimeDeployment;
import dev.edgewise.operator.workload.ModelService;
import dev.edgewise.operator.workload.RuntimeSettings;
import dev.edgewise.operator.workload.WorkloadLabels;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciles a ModelDeployment, as named steps: validate, observe, train, compress, plan, roll out,
 * apply the workloads, apply the cloud runtime of joint inference, and summarize into status. Each
 * step is a small class; decisions are pure, this class does the I/O. Typed problems become
 * conditions and Warning events; anything else is rethrown so the framework retries with backoff.
 */
@ControllerConfiguration(name = ModelDeploymentReconciler.NAME)
public class ModelDeploymentReconciler implements Reconciler<ModelDeployment> {
  public static final String NAME = "modeldeployment";
  public static final String PROMOTE_ANNOTATION = "edgewise.dev/promote";

  /** How soon to look again while a Job runs or a node is disconnected within its grace period. */
  static final Duration IN_FLIGHT_RECHECK = Duration.ofSeconds(5);

  /**
   * How soon to look again while not Ready for any other reason. Events (runtime Deployments, pods,
   * nodes, pools) drive those reconciliations; this only bounds the wait if one is missed.
   */
  static final Duration NOT_READY_RECHECK = Duration.ofSeconds(60);

  /** Runtime Deployments whose spec hash is remembered by inputs: a few per ModelDeployment. */
  private static final int SPEC_HASHES_REMEMBERED = 20_000;

  private final OperatorSettings settings;
  private final EventRecorder events;
  private final FleetMetrics metrics;
  private final Clock clock;
  private final NodeSnapshotCache nodeSnapshots = new NodeSnapshotCache();
  private final RuntimesPerNode runtimesPerNode = new RuntimesPerNode();
  private final SpecHashMemo specHashes = new SpecHashMemo(SPEC_HASHES_REMEMBERED);

  public ModelDeploymentReconciler(
      OperatorSettings settings, EventRecorder events, FleetMetrics metrics, Clock clock) {
    this.settings = settings;
    this.events = events;
    this.metrics = metrics;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, ModelDeployment>> prepareEventSources(
      EventSourceContext<ModelDeployment> context) {
    ModelDeploymentTriggers triggers =
        new ModelDeploymentTriggers(() -> context.getPrimaryCache().list());
    List<EventSource<?, ModelDeployment>> sources =
        new ArrayList<>(
            NodeInventory.eventSources(
                context, triggers::forNode, triggers::forPod, nodeSnapshots));
    sources.addAll(OwnedWorkloads.eventSources(context, runtimesPerNode));
    return sources;
  }

  @Override
  public UpdateControl<ModelDeployment> reconcile(
      ModelDeployment md, Context<ModelDeployment> context) {
    Instant now = clock.instant();
    StatusDraft status = new StatusDraft(md, now);
    Optional<Duration> recheck;
    try {
      validate(md);
      Observation observed = observe(md, context);
      WorkloadApplier applier =
          new WorkloadApplier(
              context.getClient(), OwnWrites.of(context, settings.serverSideApply()), specHashes);
      Pipeline pipeline = produceArtifact(md, observed, status, applier);
      PlacementPlan plan = plan(md, observed, pipeline.wanted(), now, status);
      Map<String, RunningRuntime> running = RuntimeFleet.of(observed.deployments());
      RolloutDecision rollout = rollout(md, running, plan, pipeline.wanted(), now);
      applyWorkloads(md, observed, plan, rollout, applier);
      CloudRuntimeStage.Decision cloud = applyCloudRuntime(md, observed, pipeline, applier);
      summarize(md, observed, running, plan, rollout, pipeline, cloud, status);
      recheck = recheckAfter(md, pipeline, plan, rollout, status, now);
    } catch (ReconcileProblem problem) {
      report(problem, status);
      recheck = Optional.empty();
    }
    recordEvents(md, status);
    ModelDeploymentStatus next = status.build();
    metrics.record(md.getMetadata().getNamespace(), md.getMetadata().getName(), next);
    return patchStatusIfChanged(md, next, recheck);
  }

  private void validate(ModelDeployment md) throws ReconcileProblem {
    SpecChecks.validate(md);
  }

  private Observation observe(ModelDeployment md, Context<ModelDeployment> context) {
    return OwnedWorkloads.observe(md, context);
  }

  /** Training then compression; creates the Job a stage needs. */
  private Pipeline produceArtifact(
      ModelDeployment md, Observation observed, StatusDraft status, WorkloadApplier applier) {
    RuntimeSettings workloads = settings.workloads();
    StageResult trained =
        TrainingStage.decide(md, observed, gpuCandidates(md, observed), workloads, status);
    trained.jobToCreate().ifPresent(applier::createJob);
    if (trained.artifact().isEmpty()) {
      return new Pipeline(null, null, trained.inFlight(), !trained.inFlight());
    }
    ArtifactStatus uncompressed = trained.artifact().get();
    StageResult compressed = CompressionStage.decide(md, uncompressed, observed, workloads, status);
    compressed.jobToCreate().ifPresent(applier::createJob);
    return new Pipeline(
        compressed.artifact().orElse(null),
        uncompressed,
        compressed.inFlight(),
        compressed.artifact().isEmpty() && !compressed.inFlight());
  }

  private PlacementPlan plan(
      ModelDeployment md,
      Observation observed,
      ArtifactStatus wanted,
      Instant now,
      StatusDraft status)
      throws ReconcileProblem {
    long bytes = wanted == null || wanted.getBytes() == null ? 0 : wanted.getBytes();
    return PlacementStage.plan(md, observed, nodeSnapshots, runtimesPerNode, bytes, now, status);
  }

  private RolloutDecision rollout(
      ModelDeployment md,
      Map<String, RunningRuntime> running,
      PlacementPlan plan,
      ArtifactStatus wanted,
      Instant now) {
    ModelDeploymentStatus previous =
        md.getStatus() == null ? new ModelDeploymentStatus() : md.getStatus();
    return RolloutPlanner.decide(
        new RolloutPlanner.Input(
            md.getSpec().getRollout(),
            Objects.requireNonNullElse(md.getMetadata().getGeneration(), 0L),
            previous.getArtifact(),
            wanted,
            previous.getRollout(),
            plan.placements().stream().map(Placement::node).toList(),
            plan.placements().stream()
                .filter(Placement::disconnected)
                .map(Placement::node)
                .toList(),
            running,
            promotedStep(md),
            now));
  }

  private void applyWorkloads(
      ModelDeployment md,
      Observation observed,
      PlacementPlan plan,
      RolloutDecision rollout,
      WorkloadApplier applier) {
    RuntimeSettings workloads = settings.workloads();
    List<DesiredDeployment> desired = new ArrayList<>();
    for (Placement placement : plan.placements()) {
      ArtifactStatus artifact = rollout.artifactByNode().get(placement.node());
      if (artifact == null) {
        continue;
      }
      EdgeNodePool pool = observed.pools().get(placement.pool());
      PoolSettings poolSettings =
          pool == null ? PoolSettings.defaults(placement.pool()) : PoolSettings.from(pool);
      desired.add(
          new DesiredDeployment(
              WorkloadNames.runtimeDeployment(md.getMetadata().getName(), placement.node()),
              EdgeRuntimeInputs.of(md, placement, poolSettings, workloads, artifact),
              () ->
                  EdgeRuntimeDeployment.build(
                      md,
                      placement,
                      poolSettings,
                      workloads,
                      artifact.getVersion(),
                      artifact.getUri(),
                      artifact.getDigest())));
    }
    applier.apply(desired, observed.deployments());
    if (!desired.isEmpty()) {
      applier.ensureService(ModelService.build(md), observed.services());
    }
  }

  /**
   * The cloud runtime of joint inference: created or updated when the mode asks for it and its
   * model is known, kept while that model is being trained, removed (Deployment and Service) when
   * the mode is EdgeOnly.
   */
  private CloudRuntimeStage.Decision applyCloudRuntime(
      ModelDeployment md, Observation observed, Pipeline pipeline, WorkloadApplier applier) {
    CloudRuntimeStage.Decision cloud =
        CloudRuntimeStage.decide(md, pipeline.uncompressed(), settings.workloads());
    switch (cloud.action()) {
      case APPLY -> {
        applier.applyDeployments(List.of(cloud.deployment()), observed.cloudDeployments());
        applier.ensureService(cloud.service(), observed.services());
        // A cloud Service under another name (the naming before cloud-<md>) selects nothing now.
        observed.services().stream()
            .filter(s -> WorkloadLabels.isCloudRuntime(s.getMetadata().getLabels()))
            .filter(s -> !s.getMetadata().getName().equals(cloud.service().getMetadata().getName()))
            .forEach(applier::deleteService);
      }
      case REMOVE -> {
        applier.applyDeployments(List.of(), observed.cloudDeployments());
        observed.services().stream()
            .filter(s -> WorkloadLabels.isCloudRuntime(s.getMetadata().getLabels()))
            .forEach(applier::deleteService);
      }
      case KEEP -> {}
    }
    return cloud;
  }

  private void summarize(
      ModelDeployment md,
      Observation observed,
      Map<String, RunningRuntime> running,
      PlacementPlan plan,
      RolloutDecision rollout,
      Pipeline pipeline,
      CloudRuntimeStage.Decision cloud,
      StatusDraft status) {
    Map<String, Deployment> byNode = new LinkedHashMap<>();
    for (Deployment deployment : observed.deployments()) {
      Optional.ofNullable(deployment.getMetadata().getLabels())
          .map(l -> l.get(WorkloadLabels.NODE))
          .ifPresent(node -> byNode.put(node, deployment));
    }
    StatusSummary.write(
        new StatusSummary.Inputs(
            plan,
            rollout,
            running,
            byNode,
            pipeline.inFlight(),
            pipeline.blocked(),
            CloudRuntimeStage.status(md, cloud, observed.cloudDeployments())),
        status);
  }

  /**
   * When to reconcile again if no event comes first: soon while a Job runs, a node is disconnected
   * (grace periods end without an event) or a step waits for the promote annotation (an annotation
   * alone does not trigger), at the step deadline while a rollout step waits for its runtimes, and
   * after a while when not Ready for another reason.
   */
  private static Optional<Duration> recheckAfter(
      ModelDeployment md,
      Pipeline pipeline,
      PlacementPlan plan,
      RolloutDecision rollout,
      StatusDraft status,
      Instant now) {
    if (pipeline.inFlight()
        || plan.placements().stream().anyMatch(Placement::disconnected)
        || rollout.outcome() == RolloutOutcome.PAUSED) {
      return Optional.of(IN_FLIGHT_RECHECK);
    }
    if (rollout.outcome() == RolloutOutcome.PROGRESSING) {
      Duration untilDeadline =
          RolloutPlanner.stepDeadline(md.getSpec().getRollout(), rollout.rollout())
              .map(deadline -> Duration.between(now, deadline).plusSeconds(1))
              .orElse(IN_FLIGHT_RECHECK);
      return Optional.of(
          untilDeadline.compareTo(NOT_READY_RECHECK) < 0 ? untilDeadline : NOT_READY_RECHECK);
    }
    return status.isTrue(Conditions.READY) ? Optional.empty() : Optional.of(NOT_READY_RECHECK);
  }

  private void report(ReconcileProblem problem, StatusDraft status) {
    status.condition(problem.conditionType(), false, problem.reason(), problem.getMessage());
    if (!Conditions.READY.equals(problem.conditionType())) {
      status.condition(Conditions.READY, false, problem.reason(), problem.getMessage());
    }
    status.next().setPhase(problem.phase());
    status.keepObservedRuntimes();
  }

  private void recordEvents(ModelDeployment md, StatusDraft status) {
    for (StatusDraft.PendingEvent event : status.events()) {
      if (event.warning()) {
        events.warning(md, event.reason(), event.message());
      } else {
        events.normal(md, event.reason(), event.message());
      }
    }
  }

  private static UpdateControl<ModelDeployment> patchStatusIfChanged(
      ModelDeployment md, ModelDeploymentStatus next, Optional<Duration> recheck) {
    UpdateControl<ModelDeployment> control;
    if (Objects.equals(md.getStatus(), next)) {
      control = UpdateControl.noUpdate();
    } else {
      ModelDeployment patch = new ModelDeployment();
      patch.setMetadata(StatusPatches.identity(md));
      patch.setStatus(next);
      control = UpdateControl.patchStatus(patch);
    }
    return recheck.map(control::rescheduleAfter).orElse(control);
  }

  @Override
  public ErrorStatusUpdateControl<ModelDeployment> updateErrorStatus(
      ModelDeployment md, Context<ModelDeployment> context, Exception e) {
    StatusDraft status = new StatusDraft(md, clock.instant());
    status.keepObservedRuntimes();
    status.next().setPhase(md.getStatus() == null ? Phase.Pending : md.getStatus().getPhase());
    status.condition(
        Conditions.READY,
        false,
        "ReconcileError",
        "reconciliation failed, retrying: " + e.getMessage());
    ModelDeployment patch = new ModelDeployment();
    patch.setMetadata(StatusPatches.identity(md));
    patch.setStatus(status.build());
    return ErrorStatusUpdateControl.patchStatus(patch);
  }

  private static Integer promotedStep(ModelDeployment md) {
    String value =
        md.getMetadata().getAnnotations() == null
            ? null
            : md.getMetadata().getAnnotations().get(PROMOTE_ANNOTATION);
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException notAStep) {
      return null;
    }
  }

  /** Views of every node for the GPU picker; built only when the model trains (a hot path). */
  private static List<dev.edgewise.operator.planner.NodeView> gpuCandidates(
      ModelDeployment md, Observation observed) {
    if (md.getSpec().getTraining() == null) {
      return List.of();
    }
    return observed.nodes().stream()
        .map(
            n ->
                NodeViews.from(
                    n,
                    observed.podsByNode().getOrDefault(n.getMetadata().getName(), List.of()),
                    PoolMembers.DEFAULT_LATENCY_LABEL,
                    Set.of()))
        .toList();
  }

  /**
   * The artifact the pipeline produced, if any, the uncompressed one it started from (what the
   * cloud runtime of joint inference serves), and whether it is still working or stuck.
   */
  record Pipeline(
      ArtifactStatus wanted, ArtifactStatus uncompressed, boolean inFlight, boolean blocked) {}
}
