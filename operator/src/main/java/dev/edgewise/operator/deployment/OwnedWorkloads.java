package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.PlacementSpec;
import dev.edgewise.operator.cluster.NodeInventory;
import dev.edgewise.operator.cluster.NotifyingInformerEventSource;
import dev.edgewise.operator.planner.PoolMembership;
import dev.edgewise.operator.workload.WorkloadLabels;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The informers a ModelDeployment reconciler needs beyond nodes and pods (its runtime Deployments,
 * Jobs and Services, found by owner reference; the EdgeNodePools), and the {@link Observation} read
 * from their caches. The runtime informers see edge and cloud runtimes alike (same {@code
 * app.kubernetes.io/name}); the observation tells them apart by the {@code edgewise.dev/role}
 * label.
 */
final class OwnedWorkloads {
  static final String RUNTIMES = "runtimes";
  static final String JOBS = "jobs";
  static final String POOLS = "pools";
  static final String SERVICES = "services";
  private static final String MANAGED = WorkloadLabels.MANAGED_BY + "=" + WorkloadLabels.MANAGER;

  /** Selects the edge runtime Deployments and Services Edgewise manages. */
  private static final String EDGE_RUNTIMES =
      MANAGED + "," + WorkloadLabels.NAME + "=" + WorkloadLabels.EDGE_RUNTIME;

  private OwnedWorkloads() {}

  /** The informers; runtime Deployment changes are also told to {@code runtimesPerNode}. */
  static List<EventSource<?, ModelDeployment>> eventSources(
      EventSourceContext<ModelDeployment> context, RuntimesPerNode runtimesPerNode) {
    InformerEventSource<Deployment, ModelDeployment> runtimes =
        new NotifyingInformerEventSource<>(
            InformerEventSourceConfiguration.from(Deployment.class, ModelDeployment.class)
                .withName(RUNTIMES)
                .withLabelSelector(EDGE_RUNTIMES)
                .withOnUpdateFilter(OwnedWorkloads::runtimeChanged)
                .build(),
            context,
            runtimesPerNode);
    InformerEventSource<Job, ModelDeployment> jobs =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Job.class, ModelDeployment.class)
                .withName(JOBS)
                .withLabelSelector(MANAGED)
                .build(),
            context);
    InformerEventSource<EdgeNodePool, ModelDeployment> pools =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(EdgeNodePool.class, ModelDeployment.class)
                .withName(POOLS)
                .withSecondaryToPrimaryMapper(pool -> NodeInventory.allPrimaries(context))
                .withOnUpdateFilter((now, before) -> !now.getSpec().equals(before.getSpec()))
                .build(),
            context);
    InformerEventSource<Service, ModelDeployment> services =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Service.class, ModelDeployment.class)
                .withName(SERVICES)
                .withLabelSelector(EDGE_RUNTIMES)
                .build(),
            context);
    return List.of(runtimes, jobs, pools, services);
  }

  /**
   * Whether a runtime Deployment's update matters to its ModelDeployment: its template, labels or
   * annotations, whether it is ready on its template ({@link RuntimeFleet#isReady}), or how many
   * replicas are ready. The status writes in between (replicas created, pods starting) do not.
   */
  static boolean runtimeChanged(Deployment now, Deployment before) {
    return !Objects.equals(now.getMetadata().getGeneration(), before.getMetadata().getGeneration())
        || !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
        || !Objects.equals(
            now.getMetadata().getAnnotations(), before.getMetadata().getAnnotations())
        || !Objects.equals(
            now.getMetadata().getDeletionTimestamp(), before.getMetadata().getDeletionTimestamp())
        || RuntimeFleet.isReady(now) != RuntimeFleet.isReady(before)
        || readyReplicas(now) != readyReplicas(before);
  }

  private static int readyReplicas(Deployment deployment) {
    return deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
        ? 0
        : deployment.getStatus().getReadyReplicas();
  }

  @SuppressWarnings("unchecked")
  static Observation observe(ModelDeployment md, Context<ModelDeployment> context) {
    var poolSource =
        (InformerEventSource<EdgeNodePool, ModelDeployment>)
            context.eventSourceRetriever().getEventSourceFor(EdgeNodePool.class, POOLS);
    Map<String, EdgeNodePool> allPools =
        poolSource
            .list()
            .collect(
                Collectors.toMap(
                    p -> p.getMetadata().getName(), p -> p, (a, b) -> a, LinkedHashMap::new));
    Map<String, EdgeNodePool> pools = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    PlacementSpec placement = md.getSpec().getPlacement();
    if (placement.getPools() != null && !placement.getPools().isEmpty()) {
      for (String name : placement.getPools()) {
        EdgeNodePool pool = allPools.get(name);
        if (pool == null) {
          missing.add(name);
        } else {
          pools.put(name, pool);
        }
      }
    } else if (placement.getPoolSelector() != null) {
      allPools.values().stream()
          .filter(
              p ->
                  PoolMembership.matches(
                      placement.getPoolSelector(),
                      p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels()))
          .forEach(p -> pools.put(p.getMetadata().getName(), p));
    }
    Map<Boolean, List<Deployment>> ownedByRole =
        context
            .getSecondaryResourcesAsStream(Deployment.class)
            .collect(
                Collectors.partitioningBy(
                    d -> WorkloadLabels.isCloudRuntime(d.getMetadata().getLabels())));
    return new Observation(
        pools,
        allPools,
        missing,
        NodeInventory.nodesAndPods(context),
        ownedByRole.get(false),
        ownedByRole.get(true),
        context.getSecondaryResourcesAsStream(Job.class).toList(),
        context.getSecondaryResourcesAsStream(Service.class).toList());
  }
}
