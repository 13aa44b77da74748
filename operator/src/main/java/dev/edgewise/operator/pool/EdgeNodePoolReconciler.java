package dev.edgewise.operator.pool;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.EdgeNodePoolStatus;
import dev.edgewise.operator.cluster.NodeInventory;
import dev.edgewise.operator.events.EventRecorder;
import dev.edgewise.operator.planner.NodeView;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reconciles an EdgeNodePool: observes its member nodes and what runs on them, writes their counts,
 * capacity, latency and conditions to status, and records Events as nodes join, leave, disconnect
 * and come back.
 */
@ControllerConfiguration(name = EdgeNodePoolReconciler.NAME)
public class EdgeNodePoolReconciler implements Reconciler<EdgeNodePool> {
  public static final String NAME = "edgenodepool";

  private final EventRecorder events;
  private final Clock clock;
  private final Map<String, Map<String, Boolean>> lastMembership = new ConcurrentHashMap<>();

  public EdgeNodePoolReconciler(EventRecorder events, Clock clock) {
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, EdgeNodePool>> prepareEventSources(
      EventSourceContext<EdgeNodePool> context) {
    return NodeInventory.eventSources(context);
  }

  @Override
  public UpdateControl<EdgeNodePool> reconcile(EdgeNodePool pool, Context<EdgeNodePool> context) {
    List<NodeView> members = observeMembers(pool, context);
    recordMembershipEvents(pool, members);
    EdgeNodePoolStatus next = PoolStatusCalculator.calculate(pool, members, clock.instant());
    return patchStatusIfChanged(pool, next);
  }

  private List<NodeView> observeMembers(EdgeNodePool pool, Context<EdgeNodePool> context) {
    List<Node> nodes = NodeInventory.nodes(context);
    Map<String, List<Pod>> pods = NodeInventory.podsByNode(context);
    return PoolMembers.of(pool, nodes, pods);
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
    patch.setMetadata(pool.getMetadata());
    patch.setStatus(next);
    return UpdateControl.patchStatus(patch);
  }
}
