package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentStatus;
import dev.edgewise.api.v1alpha1.PlacementStatus;
import dev.edgewise.operator.workload.WorkloadLabels;
import dev.edgewise.operator.workload.WorkloadNames;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which ModelDeployments a node or pod change concerns, so that one pod starting does not requeue
 * every ModelDeployment of the cluster. A Job's pod concerns the ModelDeployment whose Job it
 * belongs to; a node change concerns the ModelDeployments placed on that node and those still
 * looking for nodes (not yet {@code Placed}, or placing one per node of their pools, where a new
 * node means a new placement); a pod giving capacity back concerns those looking for nodes.
 */
final class ModelDeploymentTriggers {
  /** The label Kubernetes puts on a Job's pods. */
  private static final String JOB_NAME = "job-name";

  private final Supplier<Stream<ModelDeployment>> primaries;

  /** Triggers over the ModelDeployments {@code primaries} lists (the reconciler's cache). */
  ModelDeploymentTriggers(Supplier<Stream<ModelDeployment>> primaries) {
    this.primaries = primaries;
  }

  /** ModelDeployments a node's change concerns. */
  Set<ResourceID> forNode(Node node) {
    String name = node.getMetadata().getName();
    return primaries
        .get()
        .filter(md -> placedOn(md, name) || looksForNodes(md))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * ModelDeployments a pod's change concerns: the owner of a Job's pod (training and compression
   * read their pods), and, when the change gave capacity back to a node, those that may now fit
   * there. A runtime pod concerns no one by itself: its Deployment's status reports it.
   */
  Set<ResourceID> forPod(Pod pod, boolean capacityFreed) {
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    String owner = jobPod(pod) ? ownerLabel(pod) : null;
    String namespace = pod.getMetadata().getNamespace();
    boolean fits = capacityFreed && node != null;
    if (owner == null && !fits) {
      return Set.of();
    }
    return primaries
        .get()
        .filter(md -> ownedBy(md, owner, namespace) || (fits && looksForNodes(md)))
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }

  /**
   * Whether a ModelDeployment still wants nodes it has not got. Asked of every ModelDeployment for
   * every pod that starts or ends, so plain loops rather than streams.
   */
  static boolean looksForNodes(ModelDeployment md) {
    if (md.getSpec() != null
        && md.getSpec().getPlacement() != null
        && Boolean.TRUE.equals(md.getSpec().getPlacement().getPerNode())) {
      return true;
    }
    ModelDeploymentStatus status = md.getStatus();
    if (status == null
        || !Objects.equals(status.getObservedGeneration(), md.getMetadata().getGeneration())) {
      return true;
    }
    for (Condition condition : status.getConditions()) {
      if (Conditions.PLACED.equals(condition.getType())
          && Conditions.TRUE.equals(condition.getStatus())) {
        return false;
      }
    }
    return true;
  }

  private static boolean placedOn(ModelDeployment md, String node) {
    return md.getStatus() != null
        && md.getStatus().getPlacements().stream()
            .map(PlacementStatus::getNode)
            .anyMatch(node::equals);
  }

  private static boolean ownedBy(ModelDeployment md, String ownerLabel, String namespace) {
    return ownerLabel != null
        && Objects.equals(md.getMetadata().getNamespace(), namespace)
        && ownerLabel.equals(WorkloadNames.labelValue(md.getMetadata().getName()));
  }

  private static boolean jobPod(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels != null && labels.containsKey(JOB_NAME);
  }

  private static String ownerLabel(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? null : labels.get(WorkloadLabels.MODEL_DEPLOYMENT);
  }
}
