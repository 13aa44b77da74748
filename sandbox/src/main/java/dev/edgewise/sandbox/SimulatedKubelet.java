package dev.edgewise.sandbox;

import dev.edgewise.api.Sha256;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The sandbox's stand-in for the kubelet, the node lifecycle controller, and the Deployment and Job
 * controllers: it creates pods for Deployments on the node their affinity names (or, naming none,
 * where the {@link SimulatedScheduler} puts them), starts them, marks nodes and their pods
 * unreachable when disconnected, and runs Jobs to completion or failure. It converges on a fixed
 * tick from informer caches, like a controller.
 */
public final class SimulatedKubelet implements AutoCloseable {
  static final String DEPLOYMENT_LABEL = "sandbox.edgewise.dev/deployment";
  static final String TEMPLATE_HASH_LABEL = "sandbox.edgewise.dev/template-hash";
  private static final Logger LOG = Logger.getLogger(SimulatedKubelet.class);

  private final KubernetesClient client;
  private final ApiWrites writes;
  private final ClusterTopology.Behaviour behaviour;
  private final Pattern failingVersions;
  private final Pattern failingJobs;
  private final Clock clock;
  private final ScheduledExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-kubelet"));
  private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
  private SharedIndexInformer<Node> nodes;
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<Pod> pods;
  private SharedIndexInformer<Job> jobs;
  private final Map<String, HashOfGeneration> templateHashes = new ConcurrentHashMap<>();

  public SimulatedKubelet(
      KubernetesClient client, ClusterTopology.Behaviour behaviour, Clock clock) {
    this(client, ApiWrites.over(client), behaviour, clock);
  }

  /**
   * A kubelet that watches through {@code client} and makes its per-pod and per-Deployment writes
   * through {@code writes}.
   */
  SimulatedKubelet(
      KubernetesClient client, ApiWrites writes, ClusterTopology.Behaviour behaviour, Clock clock) {
    this.client = client;
    this.writes = writes;
    this.behaviour = behaviour;
    this.failingVersions = Pattern.compile(behaviour.failingModelVersions());
    this.failingJobs = Pattern.compile(behaviour.failingJobs());
    this.clock = clock;
  }

  /** Starts watching and converging every {@code tick}. */
  public SimulatedKubelet start(Duration tick) {
    nodes = register(client.nodes().inform());
    deployments = register(client.apps().deployments().inAnyNamespace().inform());
    pods = register(client.pods().inAnyNamespace().inform());
    jobs = register(client.batch().v1().jobs().inAnyNamespace().inform());
    loop.scheduleWithFixedDelay(this::tick, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private <T> SharedIndexInformer<T> register(SharedIndexInformer<T> informer) {
    informers.add(informer);
    return informer;
  }

  /**
   * One pass of every simulated controller. A failed call is logged and retried next tick; any
   * other failure is logged with its stack trace and the next tick runs too, since an exception
   * escaping a scheduled task would end the simulated cluster's kubelet without a word.
   */
  void tick() {
    try {
      Instant now = clock.instant();
      syncNodes(now);
      Map<String, Boolean> started = syncPods(now);
      syncDeployments(started);
      syncJobs(now);
    } catch (KubernetesClientException e) {
      LOG.warnf("sandbox kubelet: %s (retrying on the next tick)", e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf(e, "sandbox kubelet: unexpected failure (retrying on the next tick)");
    }
  }

  private void syncNodes(Instant now) {
    for (Node node : nodes.getStore().list()) {
      boolean wantConnected =
          !"false"
              .equals(
                  annotation(
                      node.getMetadata().getAnnotations(), SimulatedNodes.CONNECTED_ANNOTATION));
      if (wantConnected == Readiness.isNodeReady(node)) {
        continue;
      }
      client
          .nodes()
          .withName(node.getMetadata().getName())
          .edit(
              n -> {
                n.getSpec()
                    .getTaints()
                    .removeIf(t -> SimulatedNodes.UNREACHABLE_TAINT.equals(t.getKey()));
                if (!wantConnected) {
                  n.getSpec().getTaints().add(SimulatedNodes.unreachableTaint(now));
                }
                n.getStatus().getConditions().removeIf(c -> "Ready".equals(c.getType()));
                n.getStatus()
                    .getConditions()
                    .add(SimulatedNodes.readyCondition(wantConnected, now));
                return n;
              });
      LOG.infof(
          "sandbox: node %s %s",
          node.getMetadata().getName(), wantConnected ? "reconnected" : "disconnected");
    }
  }

  /**
   * Creates and deletes each Deployment's pods, then writes its status once, with the counts at the
   * end of this tick: the pods just created count as replicas and the pods {@code started} this
   * tick (readiness by uid) as what they now are, not as the informer's cache still has them. So a
   * new Deployment's status is written once when its pods are created and once when they start.
   */
  private void syncDeployments(Map<String, Boolean> started) {
    Map<String, List<Pod>> podsByDeployment = podsByDeployment();
    for (Deployment deployment : deployments.getStore().list()) {
      String namespace = deployment.getMetadata().getNamespace();
      String name = deployment.getMetadata().getName();
      String hash = templateHash(deployment);
      List<Pod> owned = podsByDeployment.getOrDefault(namespace + "/" + name, List.of());
      for (Pod pod : owned) {
        if (!hash.equals(pod.getMetadata().getLabels().get(TEMPLATE_HASH_LABEL))) {
          client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
        }
      }
      List<Pod> current =
          owned.stream()
              .filter(p -> hash.equals(p.getMetadata().getLabels().get(TEMPLATE_HASH_LABEL)))
              .toList();
      int desired = Optional.ofNullable(deployment.getSpec().getReplicas()).orElse(1);
      int created = 0;
      for (int i = current.size(); i < desired; i++) {
        writes.create(podFor(deployment, hash, i));
        created++;
      }
      for (int i = desired; i < current.size(); i++) {
        client.pods().inNamespace(namespace).resource(current.get(i)).delete();
      }
      int replicas = Math.min(current.size() + created, desired);
      DeploymentStatus status =
          deploymentStatus(deployment, replicas, readyCount(current, started));
      if (!status.equals(deployment.getStatus())) {
        writes.updateStatus(withStatus(deployment, status));
      }
    }
  }

  /** Pods ready among {@code pods}, counting those {@code started} this tick as they now are. */
  static int readyCount(List<Pod> pods, Map<String, Boolean> started) {
    int ready = 0;
    for (Pod pod : pods) {
      Boolean now = started.get(pod.getMetadata().getUid());
      if (now != null ? now : Readiness.isPodReady(pod)) {
        ready++;
      }
    }
    return ready;
  }

  static DeploymentStatus deploymentStatus(Deployment deployment, int replicas, int ready) {
    return new DeploymentStatusBuilder()
        .withObservedGeneration(deployment.getMetadata().getGeneration())
        .withReplicas(replicas)
        .withUpdatedReplicas(replicas)
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .build();
  }

  /** Pods of each Deployment, by {@code namespace/name}: one pass over the pods per tick. */
  private Map<String, List<Pod>> podsByDeployment() {
    Map<String, List<Pod>> byDeployment = new HashMap<>();
    for (Pod pod : pods.getStore().list()) {
      String deployment = annotation(pod.getMetadata().getLabels(), DEPLOYMENT_LABEL);
      if (deployment != null) {
        byDeployment
            .computeIfAbsent(
                pod.getMetadata().getNamespace() + "/" + deployment, k -> new ArrayList<>())
            .add(pod);
      }
    }
    return byDeployment;
  }

  /**
   * The Deployment's pod template hash, computed once per Deployment generation (hashing every
   * template on every tick was most of the kubelet's work with thousands of Deployments).
   */
  private String templateHash(Deployment deployment) {
    String uid = deployment.getMetadata().getUid();
    Long generation = deployment.getMetadata().getGeneration();
    HashOfGeneration known = templateHashes.get(uid);
    if (known == null || !Objects.equals(known.generation(), generation)) {
      known = new HashOfGeneration(generation, templateHash(deployment.getSpec().getTemplate()));
      templateHashes.put(uid, known);
    }
    return known.hash();
  }

  private record HashOfGeneration(Long generation, String hash) {}

  private Pod podFor(Deployment deployment, String hash, int index) {
    PodTemplateSpec template = deployment.getSpec().getTemplate();
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put(DEPLOYMENT_LABEL, deployment.getMetadata().getName());
    labels.put(TEMPLATE_HASH_LABEL, hash);
    PodSpec spec = new PodSpecBuilder(template.getSpec()).build();
    spec.setNodeName(
        requiredHostname(spec)
            .or(
                () ->
                    SimulatedScheduler.pick(spec, nodes.getStore().list(), pods.getStore().list()))
            .orElse(null));
    return new PodBuilder()
        .withNewMetadata()
        .withName(deployment.getMetadata().getName() + "-" + hash.substring(0, 8) + "-" + index)
        .withNamespace(deployment.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .withNewStatus()
        .withPhase("Pending")
        .endStatus()
        .build();
  }

  /** The node a pod's required node affinity pins it to, the only scheduling the sandbox does. */
  static Optional<String> requiredHostname(PodSpec spec) {
    if (spec.getNodeName() != null) {
      return Optional.of(spec.getNodeName());
    }
    if (spec.getAffinity() == null
        || spec.getAffinity().getNodeAffinity() == null
        || spec.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
            == null) {
      return Optional.empty();
    }
    return spec
        .getAffinity()
        .getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms()
        .stream()
        .flatMap(term -> term.getMatchExpressions().stream())
        .filter(e -> "kubernetes.io/hostname".equals(e.getKey()) && "In".equals(e.getOperator()))
        .map(NodeSelectorRequirement::getValues)
        .filter(values -> !values.isEmpty())
        .map(values -> values.get(0))
        .findFirst();
  }

  /** Starts the pods due and updates their readiness; returns the readiness written, by pod uid. */
  private Map<String, Boolean> syncPods(Instant now) {
    Map<String, Boolean> written = new HashMap<>();
    for (Pod pod : pods.getStore().list()) {
      String nodeName = pod.getSpec().getNodeName();
      if (nodeName == null || isFinished(pod)) {
        continue;
      }
      Node node = nodes.getStore().getByKey(nodeName);
      boolean nodeReady = node != null && Readiness.isNodeReady(node);
      Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
      // Created without a status (kube-apiserver would have set phase Pending): not started.
      String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
      boolean started = "Running".equals(phase);
      if (!started
          && (!nodeReady || now.isBefore(created.plusMillis(behaviour.podStartMillis())))) {
        continue;
      }
      boolean healthy = failingVersions.pattern().isEmpty() || !failing(pod);
      boolean ready = nodeReady && healthy;
      if (started && ready == Readiness.isPodReady(pod)) {
        continue;
      }
      PodStatus status = copyOf(pod.getStatus());
      status.setPhase("Running");
      if (status.getStartTime() == null) {
        status.setStartTime(now.toString());
      }
      status.setConditions(
          List.of(
              new PodConditionBuilder()
                  .withType("Ready")
                  .withStatus(ready ? "True" : "False")
                  .withReason(ready ? null : nodeReady ? "ContainersNotReady" : "NodeUnreachable")
                  .withLastTransitionTime(now.toString())
                  .build()));
      status.setContainerStatuses(containerStatuses(pod, ready, healthy));
      writes.updateStatus(withStatus(pod, status));
      written.put(pod.getMetadata().getUid(), ready);
    }
    return written;
  }

  private boolean failing(Pod pod) {
    return pod.getSpec().getContainers().stream()
        .flatMap(c -> Optional.ofNullable(c.getEnv()).orElse(List.of()).stream())
        .filter(e -> "EDGEWISE_MODEL_VERSION".equals(e.getName()))
        .map(EnvVar::getValue)
        .filter(Objects::nonNull)
        .anyMatch(v -> failingVersions.matcher(v).matches());
  }

  private static List<ContainerStatus> containerStatuses(Pod pod, boolean ready, boolean healthy) {
    return pod.getSpec().getContainers().stream()
        .map(
            c -> {
              var builder =
                  new ContainerStatusBuilder()
                      .withName(c.getName())
                      .withImage(c.getImage())
                      .withReady(ready)
                      .withRestartCount(healthy ? 0 : 3);
              if (healthy) {
                builder.withNewState().withNewRunning().endRunning().endState();
              } else {
                builder
                    .withNewState()
                    .withNewWaiting()
                    .withReason("CrashLoopBackOff")
                    .withMessage("simulated: the model version is configured to fail")
                    .endWaiting()
                    .endState();
              }
              return builder.build();
            })
        .toList();
  }

  private void syncJobs(Instant now) {
    for (Job job : jobs.getStore().list()) {
      JobStatus status =
          job.getStatus() == null ? new JobStatus() : new JobStatusBuilder(job.getStatus()).build();
      if (isJobFinished(status)) {
        continue;
      }
      Instant created = Instant.parse(job.getMetadata().getCreationTimestamp());
      if (status.getStartTime() == null) {
        status.setStartTime(now.toString());
        status.setActive(1);
        client.pods().inNamespace(job.getMetadata().getNamespace()).resource(jobPod(job)).create();
      } else if (!now.isBefore(created.plusMillis(behaviour.jobRunMillis()))) {
        finishJob(job, status, now);
      } else {
        continue;
      }
      client
          .batch()
          .v1()
          .jobs()
          .inNamespace(job.getMetadata().getNamespace())
          .resource(new JobBuilder(job).withStatus(status).build())
          .updateStatus();
    }
  }

  /** Ends a Job: its pod terminates with an exit code and, for compress, a manifest. */
  private void finishJob(Job job, JobStatus status, Instant now) {
    PodSpec spec = job.getSpec().getTemplate().getSpec();
    SimulatedCompression.Result compression =
        SimulatedCompression.of(spec.getContainers().get(0).getArgs());
    boolean configuredToFail =
        !failingJobs.pattern().isEmpty()
            && failingJobs.matcher(job.getMetadata().getName()).matches();
    int exitCode = configuredToFail ? 1 : compression == null ? 0 : compression.exitCode();
    String message = compression == null ? null : compression.terminationMessage();
    status.setActive(0);
    if (exitCode != 0) {
      status.setFailed(Optional.ofNullable(job.getSpec().getBackoffLimit()).orElse(6) + 1);
      status.setConditions(
          List.of(
              jobCondition(
                  "Failed",
                  "BackoffLimitExceeded",
                  "Job has reached the specified backoff limit",
                  now)));
    } else {
      status.setSucceeded(1);
      status.setCompletionTime(now.toString());
      status.setConditions(List.of(jobCondition("Complete", null, null, now)));
    }
    for (Pod pod : podsOfJob(job)) {
      PodStatus podStatus = copyOf(pod.getStatus());
      podStatus.setPhase(exitCode == 0 ? "Succeeded" : "Failed");
      podStatus.setContainerStatuses(
          pod.getSpec().getContainers().stream()
              .map(
                  c ->
                      new ContainerStatusBuilder()
                          .withName(c.getName())
                          .withImage(c.getImage())
                          .withReady(false)
                          .withNewState()
                          .withNewTerminated()
                          .withExitCode(exitCode)
                          .withReason(exitCode == 0 ? "Completed" : "Error")
                          .withMessage(message)
                          .withFinishedAt(now.toString())
                          .endTerminated()
                          .endState()
                          .build())
              .toList());
      client
          .pods()
          .inNamespace(pod.getMetadata().getNamespace())
          .resource(withStatus(pod, podStatus))
          .updateStatus();
    }
    LOG.infof(
        "sandbox: job %s %s", job.getMetadata().getName(), exitCode == 0 ? "completed" : "failed");
  }

  private List<Pod> podsOfJob(Job job) {
    return pods.getStore().list().stream()
        .filter(p -> job.getMetadata().getNamespace().equals(p.getMetadata().getNamespace()))
        .filter(p -> p.getMetadata().getLabels() != null)
        .filter(
            p -> job.getMetadata().getName().equals(p.getMetadata().getLabels().get("job-name")))
        .toList();
  }

  /** The Job's pod, on the node its affinity names or else on the first ready cloud node. */
  private Pod jobPod(Job job) {
    PodTemplateSpec template = job.getSpec().getTemplate();
    PodSpec spec = new PodSpecBuilder(template.getSpec()).build();
    spec.setNodeName(requiredHostname(spec).orElseGet(this::firstReadyCloudNode));
    Map<String, String> labels = new LinkedHashMap<>();
    if (template.getMetadata() != null && template.getMetadata().getLabels() != null) {
      labels.putAll(template.getMetadata().getLabels());
    }
    labels.put("job-name", job.getMetadata().getName());
    labels.put("batch.kubernetes.io/job-name", job.getMetadata().getName());
    return new PodBuilder()
        .withNewMetadata()
        .withName(job.getMetadata().getName() + "-" + templateHash(template).substring(0, 5))
        .withNamespace(job.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withSpec(spec)
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  private String firstReadyCloudNode() {
    return nodes.getStore().list().stream()
        .filter(Readiness::isNodeReady)
        .filter(n -> n.getSpec().getTaints() == null || n.getSpec().getTaints().isEmpty())
        .map(n -> n.getMetadata().getName())
        .sorted()
        .findFirst()
        .orElse(null);
  }

  private static io.fabric8.kubernetes.api.model.batch.v1.JobCondition jobCondition(
      String type, String reason, String message, Instant now) {
    return new JobConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withReason(reason)
        .withMessage(message)
        .withLastTransitionTime(now.toString())
        .build();
  }

  /*
   * The informers' objects are shared with every reader of their caches: a status is written from
   * a copy, and the cached object changes only when the API server's event says it did.
   */

  /** A copy of a pod's status to change (an empty one if it has none yet). */
  private static PodStatus copyOf(PodStatus status) {
    return status == null ? new PodStatus() : new PodStatusBuilder(status).build();
  }

  /** The pod with another status, sharing the cached pod's metadata and spec unchanged. */
  private static Pod withStatus(Pod pod, PodStatus status) {
    return new Pod(pod.getApiVersion(), pod.getKind(), pod.getMetadata(), pod.getSpec(), status);
  }

  /** The Deployment with another status, sharing its metadata and spec unchanged. */
  private static Deployment withStatus(Deployment deployment, DeploymentStatus status) {
    return new Deployment(
        deployment.getApiVersion(),
        deployment.getKind(),
        deployment.getMetadata(),
        deployment.getSpec(),
        status);
  }

  private static boolean isJobFinished(JobStatus status) {
    return status.getConditions() != null
        && status.getConditions().stream()
            .anyMatch(
                c ->
                    ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
  }

  private static boolean isFinished(Pod pod) {
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    return "Succeeded".equals(phase) || "Failed".equals(phase);
  }

  private static String annotation(Map<String, String> map, String key) {
    return map == null ? null : map.get(key);
  }

  static String templateHash(PodTemplateSpec template) {
    return Sha256.hex(Serialization.asJson(template)).substring(0, 10);
  }

  @Override
  public void close() {
    loop.shutdownNow();
    informers.forEach(SharedIndexInformer::close);
  }
}
