package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.operator.cluster.NodesAndPods;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the reconciler saw of the cluster for one ModelDeployment: its pools, every node and the
 * pods bound to them, its own edge and cloud runtime Deployments and Jobs, and its Services.
 *
 * @param pools the pools the placement names or selects, by name
 * @param allPools every EdgeNodePool, by name
 * @param missingPools pool names the placement gives that do not exist
 * @param cluster every node and the pods bound to it
 * @param deployments this ModelDeployment's edge runtime Deployments
 * @param cloudDeployments this ModelDeployment's cloud runtime Deployment (joint inference)
 * @param jobs this ModelDeployment's Jobs
 * @param services this ModelDeployment's Services (edge and cloud), when they exist
 */
public record Observation(
    Map<String, EdgeNodePool> pools,
    Map<String, EdgeNodePool> allPools,
    List<String> missingPools,
    NodesAndPods cluster,
    List<Deployment> deployments,
    List<Deployment> cloudDeployments,
    List<Job> jobs,
    List<Service> services) {

  /** Every node. */
  public List<Node> nodes() {
    return cluster.nodes();
  }

  /** The pods bound to each node, by node name. */
  public Map<String, List<Pod>> podsByNode() {
    return cluster.podsByNode();
  }

  public Optional<Job> job(String name) {
    return jobs.stream().filter(j -> name.equals(j.getMetadata().getName())).findFirst();
  }

  /** Pods a Job created, found by the {@code job-name} label Kubernetes puts on them. */
  public List<Pod> podsOf(Job job) {
    String name = job.getMetadata().getName();
    return podsByNode().values().stream()
        .flatMap(List::stream)
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(p -> name.equals(p.getMetadata().getLabels().get("job-name")))
        .filter(p -> job.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .toList();
  }
}
