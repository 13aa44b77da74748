package dev.edgewise.operator.pool;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolStatus;
import dev.edgewise.operator.cluster.NodeInventory;
import dev.edgewise.operator.cluster.NodeSnapshotCache;
import dev.edgewise.operator.events.EventRecorder;
import dev.edgewise.operator.planner.NodeSnapshot;
import dev.edgewise.operator.planner.NodeView;
import dev.edgewise.operator.status.StatusPatches;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.rate.RateLimited;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Reconciles an EdgeNodePool: observes its member nodes and what runs on them, writes their counts,
 * capacity, latency and conditions to status, and records Events as nodes join, leave, disconnect
 * and come back.
 *
 * <p>Every pod starting or ending on a member node changes the pool's free capacity; in a busy
 * cluster that is many changes a second, so a pool is reconciled (and its status written) at most
 * once a second, with the state at that time: no change is lost, only batched.
 */
@ControllerConfiguration(name = EdgeNodePoolReconciler.NAME)
@RateLimited(maxReconciliations = 1, within = 1, unit = TimeUnit.SECONDS)
public class EdgeNodePoolReconciler implements Reconciler<EdgeNodePool> {
  public static final String NAME = "edgenodepool";

  private final EventRecorder events;
  private final Clock clock;
  private final Map<String, Map<String, Boolean>> lastMembership = new ConcurrentHashMap<>();
  private final NodeSnapshotCache nodeViews = new NodeSnapshotCache();

  public EdgeNodePoolReconciler(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, EdgeNodePool>> prepareEventSources(
      EventSourceContext<EdgeNodePool> context) {
    return NodeInventory.eventSources(context, nodeViews);
  }

  @Override
  public UpdateControl<EdgeNodePool> reconcile(EdgeNodePool pool, Context<EdgeNodePool> context) {
    List<NodeView> members = observeMembers(pool, context);
    recordMembershipEvents(pool, members);
    EdgeNodePoolStatus next = PoolStatusCalculator.calculate(pool, members, clock.instant());
    return patchStatusIfChanged(pool, next);
  }

  /** The pool's members, from views rebuilt only for the nodes the informers saw change. */
  private List<NodeView> observeMembers(EdgeNodePool pool, Context<EdgeNodePool> context) {
    List<EdgeNodePool> pools = context.getPrimaryCache().list().toList();
    NodeSnapshot snapshot =
        nodeViews.snapshot(
            NodeInventory.nodesAndPods(context), pools, PoolMembers.latencyLabel(pool));
    return PoolMembers.of(pool, snapshot);
  }

  private void recordMembershipEvents(EdgeNodePool pool, List<NodeView> members) {
    Map<String, Boolean> now = MembershipChanges.snapshot(members);
    Map<String, Boolean> before = lastMembership.put(pool.getMetadata().getName(), now);
    if (before == null) {
      return;
    }
    MembershipChanges changes = MembershipChanges.between(before, now);
    changes
        .joined()
        .forEach(n -> events.normal(pool, "NodeJoined", "node " + n + " joined the pool"));
    changes.left().forEach(n -> events.normal(pool, "NodeLeft", "node " + n + " left the pool"));
    changes
        .disconnected()
        .forEach(n -> events.warning(pool, "NodeDisconnected", "node " + n + " is NotReady"));
    changes
        .reconnected()
        .forEach(n -> events.normal(pool, "NodeReconnected", "node " + n + " is Ready again"));
  }

  private UpdateControl<EdgeNodePool> patchStatusIfChanged(
      EdgeNodePool pool, EdgeNodePoolStatus next) {
    if (Objects.equals(pool.getStatus(), next)) {
      return UpdateControl.noUpdate();
    }
    EdgeNodePool patch = new EdgeNodePool();
    patch.setMetadata(StatusPatches.identity(pool));
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
  }
}
