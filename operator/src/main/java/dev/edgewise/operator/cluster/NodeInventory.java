package dev.edgewise.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
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
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The informers on Nodes and Pods a reconciler needs to see the cluster's capacity, and read access
 * to their caches. A node change, and a pod bound to a node starting or ending, triggers the
 * primary resources a mapper names: by default every one of them.
 */
public final class NodeInventory {
  public static final String NODES = "nodes";
  public static final String PODS = "pods";

  private NodeInventory() {}

  /** Informers whose every change triggers every primary resource. */
  public static <P extends HasMetadata> List<EventSource<?, P>> eventSources(
      EventSourceContext<P> context) {
    return eventSources(context, node -> allPrimaries(context), pod -> allPrimaries(context));
  }

  /** Informers whose changes trigger the primary resources the two mappers name. */
  public static <P extends HasMetadata> List<EventSource<?, P>> eventSources(
      EventSourceContext<P> context,
      SecondaryToPrimaryMapper<Node> nodeToPrimaries,
      SecondaryToPrimaryMapper<Pod> podToPrimaries) {
    InformerEventSource<Node, P> nodes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Node.class, context.getPrimaryResourceClass())
                .withName(NODES)
                .withSecondaryToPrimaryMapper(nodeToPrimaries)
                .withOnUpdateFilter(NodeInventory::nodeChanged)
                .build(),
            context);
    InformerEventSource<Pod, P> pods =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, context.getPrimaryResourceClass())
                .withName(PODS)
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(podToPrimaries)
                .withOnAddFilter(
                    pod -> pod.getSpec() != null && pod.getSpec().getNodeName() != null)
                .withOnUpdateFilter(NodeInventory::podPlacementChanged)
                .build(),
            context);
    return List.of(nodes, pods);
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

  private static String phase(Pod pod) {
    return pod.getStatus() == null ? null : pod.getStatus().getPhase();
  }

  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> List<Node> nodes(Context<P> context) {
    return ((InformerEventSource<Node, P>)
            context.eventSourceRetriever().getEventSourceFor(Node.class, NODES))
        .list()
        .toList();
  }

  @SuppressWarnings("unchecked")
  public static <P extends HasMetadata> Map<String, List<Pod>> podsByNode(Context<P> context) {
    return ((InformerEventSource<Pod, P>)
            context.eventSourceRetriever().getEventSourceFor(Pod.class, PODS))
        .list()
        .filter(p -> p.getSpec() != null && p.getSpec().getNodeName() != null)
        .collect(Collectors.groupingBy(p -> p.getSpec().getNodeName()));
  }
}
