package dev.edgewise.operator.deployment;

import dev.edgewise.api.Sha256;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.net.HttpURLConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the cluster hold the desired runtime Deployments, Service and Jobs: creates what is
 * missing, updates a Deployment only when its desired spec changed (compared by a hash annotation,
 * so defaults the API server adds do not cause churn), and deletes runtime Deployments no longer
 * planned and Services no longer wanted. Names are deterministic, so a restarted operator finds
 * what it made; deleting what is already gone is not an error.
 */
public final class WorkloadApplier {
  public static final String SPEC_HASH_ANNOTATION = "edgewise.dev/spec-hash";
  private static final Logger LOG = Logger.getLogger(WorkloadApplier.class);

  private final KubernetesClient client;
  private final OwnWrites writes;
  private final SpecHashMemo memo;

  /** An applier that creates and updates through {@code writes} and deletes with {@code client}. */
  WorkloadApplier(KubernetesClient client, OwnWrites writes, SpecHashMemo memo) {
    this.client = client;
    this.writes = writes;
    this.memo = memo;
  }

  /** Applies the desired runtime Deployments and deletes the other existing ones. */
  public void applyDeployments(List<Deployment> desired, List<Deployment> existing) {
    apply(desired.stream().map(DesiredDeployment::of).toList(), existing);
  }

  /**
   * Applies the desired runtime Deployments and deletes the other existing ones. A desired
   * Deployment whose inputs last produced the hash the existing one carries is not built again.
   */
  void apply(List<DesiredDeployment> desired, List<Deployment> existing) {
    Map<String, Deployment> existingByName =
        existing.stream().collect(Collectors.toMap(d -> d.getMetadata().getName(), d -> d));
    for (DesiredDeployment wanted : desired) {
      Deployment current = existingByName.get(wanted.name());
      String known = memo.get(wanted.inputs());
      if (current != null && known != null && known.equals(annotation(current))) {
        continue;
      }
      Deployment deployment = wanted.build().get();
      String hash = specHash(deployment);
      memo.put(wanted.inputs(), hash);
      annotate(deployment, hash);
      if (current == null) {
        writes.create(deployment);
        LOG.infof("created Deployment %s/%s", namespace(deployment), name(deployment));
      } else if (!Objects.equals(hash, annotation(current))) {
        deployment.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
        writes.update(deployment);
        LOG.infof("updated Deployment %s/%s", namespace(deployment), name(deployment));
      }
    }
    Set<String> wanted = desired.stream().map(DesiredDeployment::name).collect(Collectors.toSet());
    for (Deployment deployment : existing) {
      if (!wanted.contains(name(deployment))) {
        client
            .apps()
            .deployments()
            .inNamespace(namespace(deployment))
            .resource(deployment)
            .delete();
        LOG.infof("deleted Deployment %s/%s", namespace(deployment), name(deployment));
      }
    }
  }

  /**
   * Creates the Service unless the informer's cache already holds it. Services are never updated:
   * one the cache had not seen yet (made by an operator that was killed just after) is kept.
   */
  public void ensureService(Service service, List<Service> existing) {
    boolean exists = existing.stream().anyMatch(s -> name(s).equals(name(service)));
    if (exists) {
      return;
    }
    try {
      writes.createOnce(service);
      LOG.infof("created Service %s/%s", namespace(service), name(service));
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      LOG.debugf("Service %s/%s exists already", namespace(service), name(service));
    }
  }

  /** Deletes a Service (found in the informer's cache); one already gone is fine. */
  public void deleteService(Service service) {
    client.services().inNamespace(namespace(service)).resource(service).delete();
    LOG.infof("deleted Service %s/%s", namespace(service), name(service));
  }

  public void createJob(Job job) {
    writes.create(job);
    LOG.infof("created Job %s/%s", namespace(job), name(job));
  }

  private static void annotate(Deployment deployment, String hash) {
    Map<String, String> annotations =
        deployment.getMetadata().getAnnotations() == null
            ? new HashMap<>()
            : new HashMap<>(deployment.getMetadata().getAnnotations());
    annotations.put(SPEC_HASH_ANNOTATION, hash);
    deployment.getMetadata().setAnnotations(annotations);
  }

  private static String annotation(Deployment deployment) {
    return deployment.getMetadata().getAnnotations() == null
        ? null
        : deployment.getMetadata().getAnnotations().get(SPEC_HASH_ANNOTATION);
  }

  static String specHash(Deployment deployment) {
    String text =
        Serialization.asJson(deployment.getSpec())
            + Serialization.asJson(deployment.getMetadata().getLabels());
    return Sha256.hex(text).substring(0, 16);
  }

  private static String namespace(HasMetadata resource) {
    return resource.getMetadata().getNamespace();
  }

  private static String name(HasMetadata resource) {
    return resource.getMetadata().getName();
  }
}
