package dev.edgewise.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The informers on Nodes and Pods a reconciler needs to see the cluster's capacity, and read access
 * to their caches. A node change, and a pod bound to a node starting or ending, triggers the
 * primary resources a mapper names: by default every one of them; and is told to a {@link
 * NodeChanges} listener first. Pods are indexed by the node they are bound to.
 */
public final class NodeInventory {
  public static final String NODES = "nodes";
  public static final String PODS = "pods";
  private static final String BY_NODE = "byNode";

  private NodeInventory() {}

  /**
   * Informers whose every change triggers every primary resource, after telling {@code changes}
   * which nodes changed.
   */
  public static <P extends HasMetadata> List<EventSource<?, P>> eventSources(
      EventSourceContext<P> context, NodeChanges changes) {
    return eventSources(
        context,
        node -> allPrimaries(context),
        (pod, capacityFreed) -> allPrimaries(context),
        changes);
  }

  /**
   * Which primary resources a pod's change concerns, knowing whether the change gave capacity back
   * to the pod's node: the pod ended, or it is gone.
   */
  @FunctionalInterface
  public interface PodTrigger {
    Set<ResourceID> primaries(Pod pod, boolean capacityFreed);
  }

  /**
   * Informers whose changes trigger the primary resources the node mapper and the pod trigger name,
   * and which tell {@code changes} first which nodes' capacity views changed.
   */
  public static <P extends HasMetadata> List<EventSource<?, P>> eventSources(
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Node> nodeToPrimaries,
      PodTrigger podTrigger,
      NodeChanges changes) {
    // The informer's cache holds the change before the mapper runs: a pod missing from it is gone.
    AtomicReference<InformerEventSource<Pod, P>> podCache = new AtomicReference<>();
    SecondaryToPrimaryMapper<Pod> podToPrimaries =
        pod ->
            podTrigger.primaries(
                pod, ended(pod) || podCache.get().get(ResourceID.fromResource(pod)).isEmpty());
    InformerEventSource<Node, P> nodes =
        new NotifyingInformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, context.getPrimaryResourceClass())
                .withName(NODES)
                .withSecondaryToPrimaryMapper(nodeToPrimaries)
                .withOnUpdateFilter(NodeInventory::nodeChanged)
                .build(),
            context,
            nodeListener(changes));
    InformerEventSource<Pod, P> pods =
        new NotifyingInformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, context.getPrimaryResourceClass())
                .withName(PODS)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(podToPrimaries)
                .withOnAddFilter(
                    pod -> pod.getSpec() != null && pod.getSpec().getNodeName() != null)
                .withOnUpdateFilter(NodeInventory::podPlacementChanged)
                .build(),
            context,
            podListener(changes));
    pods.addIndexers(Map.of(BY_NODE, pod -> nodeName(pod).map(List::of).orElse(List.of())));
    podCache.set(pods);
    return List.of(nodes, pods);
  }

  private static ResourceEventHandler<Node> nodeListener(NodeChanges changes) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Node node) {
        changes.nodesAddedOrRemoved();
      }

      @Override
      public void onUpdate(Node before, Node now) {
        if (nodeChanged(now, before)) {
          changes.nodeChanged(now.getMetadata().getName());
        }
      }

      @Override
      public void onDelete(Node node, boolean deletedFinalStateUnknown) {
        changes.nodesAddedOrRemoved();
      }
    };
  }

  private static ResourceEventHandler<Pod> podListener(NodeChanges changes) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(Pod pod) {
        nodeName(pod).ifPresent(changes::nodeChanged);
      }

      @Override
      public void onUpdate(Pod before, Pod now) {
        if (podPlacementChanged(now, before)) {
          nodeName(before).ifPresent(changes::nodeChanged);
          nodeName(now).ifPresent(changes::nodeChanged);
        }
      }

      @Override
      public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
        nodeName(pod).ifPresent(changes::nodeChanged);
      }
    };
  }

  private static Optional<String> nodeName(Pod pod) {
    return Optional.ofNullable(pod.getSpec()).map(PodSpec::getNodeName);
  }

  /** Every primary resource of the reconciler: a change that concerns them all maps to this. */
  public static <P extends HasMetadata> Set<ResourceID> allPrimaries(
      EventSourceContext<P> context) {
    return context
        .getPrimaryCache()
        .list()
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /** Heartbeats alone do not count: only labels, taints, capacity or readiness. */
  private static boolean nodeChanged(Node now, Node before) {
    return !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
        || !Objects.equals(now.getSpec(), before.getSpec())
        || !Objects.equals(now.getStatus().getAllocatable(), before.getStatus().getAllocatable())
        || !Objects.equals(readiness(now), readiness(before));
  }

  private static String readiness(Node node) {
    return node.getStatus() == null || node.getStatus().getConditions() == null
        ? null
        : node.getStatus().getConditions().stream()
            .filter(c -> "Ready".equals(c.getType()))
            .map(c -> c.getStatus())
            .findFirst()
            .orElse(null);
  }

  private static boolean podPlacementChanged(Pod now, Pod before) {
    return !Objects.equals(now.getSpec().getNodeName(), before.getSpec().getNodeName())
        || !Objects.equals(phase(now), phase(before));
  }

  private static boolean ended(Pod pod) {
    String phase = phase(pod);
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  public static <P extends HasMetadata> List<Node> nodes(Context<P> context) {
    return nodeSource(context).list().toList();
  }

  public static <P extends HasMetadata> Map<String, List<Pod>> podsByNode(Context<P> context) {
    return podSource(context)
        .list()
        .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName()));
  }

  /**
   * The informers' nodes and pods for one reconciliation: the full lists are read once, when first
   * asked for; one node and its pods are read from the cache and the pod index.
   */
  public static <P extends HasMetadata> NodesAndPods nodesAndPods(Context<P> context) {
    return new NodesAndPods() {
      private List<Node> nodes;
      private Map<String, List<Pod>> podsByNode;

      @Override
      public List<Node> nodes() {
        if (nodes == null) {
          nodes = NodeInventory.nodes(context);
        }
        return nodes;
      }

      @Override
      public Map<String, List<Pod>> podsByNode() {
        if (podsByNode == null) {
          podsByNode = NodeInventory.podsByNode(context);
        }
        return podsByNode;
      }

      @Override
      public Optional<Node> node(String name) {
        return nodeSource(context).get(new ResourceID(name));
      }

      @Override
      public List<Pod> podsOn(String node) {
        return podSource(context).byIndex(BY_NODE, node);
      }
    };
  }

  @SuppressWarnings("unchecked")
  private static <P extends HasMetadata> InformerEventSource<Node, P> nodeSource(
      Context<P> context) {
    return (InformerEventSource<Node, P>)
        context.eventSourceRetriever().getEventSourceFor(Node.class, NODES);
  }

  @SuppressWarnings("unchecked")
  private static <P extends HasMetadata> InformerEventSource<Pod, P> podSource(Context<P> context) {
    return (InformerEventSource<Pod, P>)
        context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS);
  }
}
