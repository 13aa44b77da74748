package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a pod holds on its node, computed as the scheduler does: the larger of the sum over the
 * containers and the largest init container, plus the pod overhead. A container without a request
 * counts its limit, as the API server would have defaulted it.
 */
public final class PodRequests {
  private PodRequests() {}

  /** Whether the pod still holds resources on its node (not Succeeded or Failed). */
  public static boolean holdsResources(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return !"Succeeded".equals(phase) && !"Failed".equals(phase);
  }

  /** CPU requested by the pod, in millicores. */
  public static long cpuMillis(Pod pod) {
    return total(pod, ResourceQuantities::cpuMillis);
  }

  /** Memory requested by the pod, in bytes. */
  public static long memoryBytes(Pod pod) {
    return total(pod, resources -> ResourceQuantities.amount(resources, ResourceQuantities.MEMORY));
  }

  /** {@code nvidia.com/gpu} requested by the pod. */
  public static long gpus(Pod pod) {
    return total(pod, resources -> ResourceQuantities.amount(resources, ResourceQuantities.GPU));
  }

  private static long total(Pod pod, ToLongFunction<Map<String, Quantity>> amount) {
    if (pod.getSpec() == null) {
      return 0;
    }
    long containers = 0;
    for (Container container : nullToEmpty(pod.getSpec().getContainers())) {
      containers += amount.applyAsLong(effectiveRequests(container.getResources(), amount));
    }
    long largestInit = 0;
    for (Container container : nullToEmpty(pod.getSpec().getInitContainers())) {
      largestInit =
          Math.max(
              largestInit, amount.applyAsLong(effectiveRequests(container.getResources(), amount)));
    }
    return Math.max(containers, largestInit) + amount.applyAsLong(pod.getSpec().getOverhead());
  }

  private static Map<String, Quantity> effectiveRequests(
      ResourceRequirements resources, ToLongFunction<Map<String, Quantity>> amount) {
    if (resources == null) {
      return Map.of();
    }
    Map<String, Quantity> requests = resources.getRequests();
    if (requests != null && amount.applyAsLong(requests) > 0) {
      return requests;
    }
    return resources.getLimits() == null ? Map.of() : resources.getLimits();
  }

  private static <T> List<T> nullToEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
