package dev.edgewise.e2e.scale;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.e2e.harness.LocalCluster;
import dev.edgewise.e2e.harness.OperatorProcess;
import dev.edgewise.operator.scale.OperatorProbe;
import dev.edgewise.operator.scale.ScaleLoad;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The scale run of {@code make scale-local}: the load of {@code make scale} ({@link ScaleLoad}:
 * KubeEdge nodes in zones, three pools, {@code deployments} ModelDeployments) on the real control
 * plane, in two phases measured the same way, one after the other on one cluster:
 *
 * <ol>
 *   <li><b>operator</b>: the packaged operator ({@code -Xmx512m}, the chart's ServiceAccount and
 *       RBAC) and the pools and ModelDeployments created; the wall time from the first create until
 *       every ModelDeployment is Ready for its generation, the operator's heap (1 s samples, then
 *       the live set after a full GC). The Deployments and Services it made are kept as the floor's
 *       shapes, then the operator is stopped and its ModelDeployments deleted, and the run waits
 *       until the garbage collector and KWOK have removed their pods.
 *   <li><b>floor</b>: a bare fabric8 client, with the same ServiceAccount, creates those
 *       Deployments and Services (no owner) in another namespace; the wall time until every
 *       Deployment is available (all replicas updated and available, the rule of {@code kubectl
 *       rollout status}).
 * </ol>
 *
 * For each phase it takes the API server's request counters ({@link ApiServerRequests}), the CPU
 * time of every control-plane process and the load average. Writes {@code result.md} and {@code
 * timeline.txt} to the output folder and tears the cluster down at the end.
 *
 * <p>Arguments ({@code --name=value}): deployments (1000), nodes (5000), zones (50 at most, 100
 * nodes each by default), out (e2e/target/scale-local), cluster-dir (.scale-cluster), port (26443;
 * etcd the next two), lease-s (the nodes' lease duration, 40: the kubelet's default), lease-workers
 * (32, how many leases KWOK renews at once; its default 4 renews about 20 a second), grace (the
 * node monitor grace period, 50s: the controller manager's default), controller-manager-qps (100,
 * bursts of 200: with its default, 20 a second for each controller, the Deployment and ReplicaSet
 * controllers' own writes would be the floor), threads (4, the creating clients'), timeout-s (900,
 * each wait).
 */
public final class ScaleLocalDriver {
  private static final String NAMESPACE = "scale";
  private static final String FLOOR_NAMESPACE = "scale-floor";
  private static final List<String> COMPONENTS =
      List.of("kube-apiserver", "etcd", "kube-controller-manager", "kube-scheduler", "kwok");

  /** USER_HZ, the unit of /proc/PID/stat's CPU times, on every Linux the kernel ABI allows. */
  private static final double CLOCK_TICKS = 100.0;

  private final Map<String, String> args;
  private final Path out;
  private final int deployments;
  private final int zones;
  private final int nodesPerZone;
  private final int threads;
  private final long timeoutMs;
  private final List<String> timeline = new ArrayList<>();
  private OperatorAudit audit;

  private ScaleLocalDriver(Map<String, String> args) {
    this.args = args;
    Path root = LocalCluster.root();
    this.out = root.resolve(args.getOrDefault("out", "e2e/target/scale-local"));
    this.deployments = Integer.parseInt(args.getOrDefault("deployments", "1000"));
    int nodes = Integer.parseInt(args.getOrDefault("nodes", "5000"));
    this.zones =
        Integer.parseInt(
            args.getOrDefault("zones", String.valueOf(Math.min(50, Math.max(2, nodes / 100)))));
    this.nodesPerZone = Math.max(1, nodes / zones);
    this.threads = Integer.parseInt(args.getOrDefault("threads", "4"));
    this.timeoutMs = 1000L * Integer.parseInt(args.getOrDefault("timeout-s", "900"));
  }

  public static void main(String... argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("arguments are --name=value, not " + arg);
      }
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    int status = 0;
    try {
      new ScaleLocalDriver(args).run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      status = 1;
    }
    // The Kubernetes client leaves non-daemon threads behind after close().
    System.exit(status);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    Path topology =
        Files.writeString(out.resolve("topology.yaml"), ScaleLoad.topology(zones, nodesPerZone));
    Path dir = LocalCluster.root().resolve(args.getOrDefault("cluster-dir", ".scale-cluster"));
    int port = Integer.parseInt(args.getOrDefault("port", "26443"));
    Path policy = Files.writeString(out.resolve("audit-policy.yaml"), OperatorAudit.POLICY);
    Map<String, String> settings =
        Map.of(
            "NODE_LEASE_DURATION_SECONDS", args.getOrDefault("lease-s", "40"),
            "NODE_LEASE_PARALLELISM", args.getOrDefault("lease-workers", "32"),
            "NODE_MONITOR_GRACE_PERIOD", args.getOrDefault("grace", "50s"),
            "CONTROLLER_MANAGER_API_QPS", args.getOrDefault("controller-manager-qps", "100"),
            "AUDIT_POLICY", policy.toString());
    log("starting the control plane in %s on port %d with %d nodes", dir, port, nodes());
    Instant up = Instant.now();
    try (LocalCluster cluster = LocalCluster.start(dir, port, topology, settings)) {
      try {
        measure(cluster, dir, up);
      } finally {
        keepLogs(dir);
      }
    }
  }

  /** The control plane's logs (the cluster's folder goes with it) to the output folder. */
  private void keepLogs(Path dir) throws IOException {
    Path logs = Files.createDirectories(out.resolve("cluster-logs"));
    try (var files = Files.list(dir.resolve("logs"))) {
      for (Path log : files.toList()) {
        Files.copy(log, logs.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void measure(LocalCluster cluster, Path dir, Instant up) throws Exception {
    Duration upTime = Duration.between(up, Instant.now());
    audit = new OperatorAudit(dir.resolve("logs/audit.log"));
    log("control plane up in %.1f s", upTime.toMillis() / 1000.0);
    Path operatorKubeconfig = cluster.operatorKubeconfig("edgewise", "edgewise");
    try (KubernetesClient admin = client(cluster.adminKubeconfig())) {
      for (String namespace : List.of(NAMESPACE, FLOOR_NAMESPACE)) {
        admin
            .resource(
                new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
            .create();
      }
      Duration settled = settle(admin);
      OperatorRun operatorRun = operatorPhase(cluster, admin, operatorKubeconfig);
      Duration cleared = removeOperatorLoad(admin);
      Phase floor = floorPhase(cluster, admin, operatorKubeconfig, operatorRun.shapes());
      String result = result(upTime, settled, operatorRun, cleared, floor);
      Files.writeString(out.resolve("result.md"), result);
      Files.write(out.resolve("timeline.txt"), timeline);
      System.out.println();
      System.out.println(result);
      if (operatorRun.phase().converged() == null || floor.converged() == null) {
        throw new IllegalStateException("a phase did not converge; see " + out);
      }
    }
  }

  /**
   * Waits until the nodes have settled after start-up (KWOK and the controller manager write nodes
   * for a while after they are Ready): no node write for 10 s, 5 minutes at the most.
   */
  private Duration settle(KubernetesClient admin) throws InterruptedException {
    Instant start = Instant.now();
    long last = nodeWrites(admin);
    Instant quietSince = Instant.now();
    while (Duration.between(start, Instant.now()).toMinutes() < 5) {
      Thread.sleep(2000);
      long now = nodeWrites(admin);
      if (now != last) {
        last = now;
        quietSince = Instant.now();
      } else if (Duration.between(quietSince, Instant.now()).toSeconds() >= 10) {
        break;
      }
    }
    Duration settled = Duration.between(start, Instant.now());
    log("nodes settled in %.1f s", seconds(settled));
    return settled;
  }

  private static long nodeWrites(KubernetesClient admin) {
    return ApiServerRequests.parse(metrics(admin)).byVerbAndResource().entrySet().stream()
        .filter(e -> e.getKey().matches("(PATCH|PUT|APPLY) nodes.*"))
        .mapToLong(e -> e.getValue().total())
        .sum();
  }

  private static String metrics(KubernetesClient admin) {
    return admin.raw(admin.getMasterUrl().toString().replaceAll("/$", "") + "/metrics");
  }

  private int nodes() {
    return zones * nodesPerZone;
  }

  /** What the operator phase measured, and the Deployments and Services it left. */
  private record OperatorRun(
      Phase phase,
      List<HasMetadata> shapes,
      double heapPeak,
      double committedPeak,
      double heapSettled,
      double liveSet,
      double reconciles,
      double reconcileSeconds,
      String gcPauses,
      Path log) {}

  /** One phase: its create calls, convergence (null: none within the timeout), what it cost. */
  private record Phase(
      String name,
      int objects,
      Duration createCalls,
      Duration converged,
      ApiServerRequests requests,
      Map<String, RequestCounts> serviceAccountRequests,
      Map<String, Double> cpuSeconds,
      double loadBefore,
      double loadPeak,
      double loadAfter) {}

  /** The counters at one moment: API server requests, CPU seconds per process, load. */
  private record Snapshot(
      ApiServerRequests requests, long auditOffset, Map<String, Double> cpu, double load) {}

  private OperatorRun operatorPhase(
      LocalCluster cluster, KubernetesClient admin, Path operatorKubeconfig) throws Exception {
    OperatorProcess operator = new OperatorProcess("scale-local", operatorKubeconfig, Map.of());
    try (SharedIndexInformer<ModelDeployment> mds =
        admin.resources(ModelDeployment.class).inNamespace(NAMESPACE).inform()) {
      operator.start();
      operator.awaitStarted(Duration.ofMinutes(3));
      OperatorProbe probe = new OperatorProbe(operator.metricsPort());
      double[] reconcilesBefore = probe.reconciles();
      double[] heap = probe.heap();
      double[] peak = {heap[0], heap[1]};
      Snapshot before = snapshot(cluster, admin, operator.pid());
      Instant start = Instant.now();
      for (int p = 0; p < ScaleLoad.POOLS.size(); p++) {
        admin.resource(ScaleLoad.pool(p)).create();
      }
      List<String> manifests = new ArrayList<>();
      for (int i = 0; i < deployments; i++) {
        manifests.add(ScaleLoad.modelDeployment(i, NAMESPACE));
      }
      Duration createCalls = createAll(manifests, yaml -> admin.resource(yaml).create());
      log("created %d ModelDeployments in %.1f s", deployments, seconds(createCalls));
      double[] loadPeak = {before.load()};
      Duration converged =
          await(
              "operator",
              start,
              () -> {
                double[] h = probe.heap();
                peak[0] = Math.max(peak[0], h[0]);
                peak[1] = Math.max(peak[1], h[1]);
                loadPeak[0] = Math.max(loadPeak[0], OperatorProbe.load1());
                return String.format(
                    "ready=%d/%d heapUsed=%.0fMiB phases=%s",
                    mds.getStore().list().stream().filter(ScaleLoad::readyForGeneration).count(),
                    deployments,
                    h[0] / OperatorProbe.MiB,
                    ScaleLoad.phases(mds.getStore().list()));
              },
              () ->
                  mds.getStore().list().size() == deployments
                      && mds.getStore().list().stream().allMatch(ScaleLoad::readyForGeneration));
      Snapshot after = snapshot(cluster, admin, operator.pid());
      double[] reconcilesAfter = probe.reconciles();
      // Let the operator settle (rechecks, resync), then force a full GC and read the live heap.
      Thread.sleep(5000);
      double settled = probe.heap()[0];
      peak[0] = Math.max(peak[0], settled);
      double liveSet = probe.liveSet(operator.pid());
      String gcPauses = probe.gcPauseSeconds();
      List<HasMetadata> shapes = shapes(admin);
      Phase phase =
          phase("operator", deployments, createCalls, converged, before, after, loadPeak[0]);
      return new OperatorRun(
          phase,
          shapes,
          peak[0],
          peak[1],
          settled,
          liveSet,
          reconcilesAfter[0] - reconcilesBefore[0],
          reconcilesAfter[1] - reconcilesBefore[1],
          gcPauses,
          operator.log());
    } finally {
      operator.close();
    }
  }

  /**
   * The Deployments and Services the operator made, as a client would write them: name, labels,
   * annotations and spec, in the floor's namespace, no owner, no status, no allocated cluster IP.
   */
  private static List<HasMetadata> shapes(KubernetesClient admin) {
    List<HasMetadata> shapes = new ArrayList<>();
    for (Deployment d : admin.apps().deployments().inNamespace(NAMESPACE).list().getItems()) {
      shapes.add(new DeploymentBuilder().withMetadata(floorMeta(d)).withSpec(d.getSpec()).build());
    }
    for (Service s : admin.services().inNamespace(NAMESPACE).list().getItems()) {
      Service copy = new ServiceBuilder().withMetadata(floorMeta(s)).withSpec(s.getSpec()).build();
      copy.getSpec().setClusterIP(null);
      copy.getSpec().setClusterIPs(null);
      shapes.add(copy);
    }
    return shapes;
  }

  private static ObjectMeta floorMeta(HasMetadata object) {
    Map<String, String> annotations = new HashMap<>();
    if (object.getMetadata().getAnnotations() != null) {
      annotations.putAll(object.getMetadata().getAnnotations());
    }
    // Written by the Deployment controller, not by the operator.
    annotations.remove("deployment.kubernetes.io/revision");
    return new ObjectMetaBuilder()
        .withName(object.getMetadata().getName())
        .withNamespace(FLOOR_NAMESPACE)
        .withLabels(object.getMetadata().getLabels())
        .withAnnotations(annotations)
        .build();
  }

  /**
   * Deletes the ModelDeployments (the operator is stopped) and waits until the garbage collector
   * has removed their Deployments and Services and KWOK their pods, so that the floor starts on the
   * cluster the operator started on.
   */
  private Duration removeOperatorLoad(KubernetesClient admin) throws Exception {
    try (SharedIndexInformer<Pod> pods = admin.pods().inNamespace(NAMESPACE).inform()) {
      Instant start = Instant.now();
      admin.resources(ModelDeployment.class).inNamespace(NAMESPACE).delete();
      return await(
          "clearing",
          start,
          () -> "pods left=" + pods.getStore().list().size(),
          () ->
              pods.getStore().list().isEmpty()
                  && isEmpty(admin.apps().deployments().inNamespace(NAMESPACE).list(first()))
                  && isEmpty(admin.services().inNamespace(NAMESPACE).list(first())));
    }
  }

  private static ListOptions first() {
    return new ListOptionsBuilder().withLimit(1L).build();
  }

  private static boolean isEmpty(KubernetesResourceList<?> list) {
    return list.getItems().isEmpty();
  }

  private Phase floorPhase(
      LocalCluster cluster,
      KubernetesClient admin,
      Path operatorKubeconfig,
      List<HasMetadata> shapes)
      throws Exception {
    long expected = shapes.stream().filter(Deployment.class::isInstance).count();
    try (KubernetesClient bare = client(operatorKubeconfig);
        SharedIndexInformer<Deployment> deployments =
            admin.apps().deployments().inNamespace(FLOOR_NAMESPACE).inform()) {
      Snapshot before = snapshot(cluster, admin, -1);
      Instant start = Instant.now();
      Duration createCalls = createAll(shapes, object -> bare.resource(object).create());
      log("created %d Deployments and Services in %.1f s", shapes.size(), seconds(createCalls));
      double[] loadPeak = {before.load()};
      Duration converged =
          await(
              "floor",
              start,
              () -> {
                loadPeak[0] = Math.max(loadPeak[0], OperatorProbe.load1());
                return String.format(
                    "available=%d/%d",
                    deployments.getStore().list().stream()
                        .filter(ScaleLocalDriver::available)
                        .count(),
                    expected);
              },
              () ->
                  deployments.getStore().list().size() == expected
                      && deployments.getStore().list().stream()
                          .allMatch(ScaleLocalDriver::available));
      Snapshot after = snapshot(cluster, admin, -1);
      return phase("floor", shapes.size(), createCalls, converged, before, after, loadPeak[0]);
    }
  }

  /** Every replica updated and available, for the current generation (kubectl rollout status). */
  private static boolean available(Deployment d) {
    if (d.getStatus() == null || d.getStatus().getObservedGeneration() == null) {
      return false;
    }
    int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    return d.getStatus().getObservedGeneration() >= d.getMetadata().getGeneration()
        && Objects.equals(d.getStatus().getUpdatedReplicas(), replicas)
        && Objects.equals(d.getStatus().getAvailableReplicas(), replicas)
        && Objects.equals(d.getStatus().getReplicas(), replicas);
  }

  private interface Create<T> {
    void create(T object) throws Exception;
  }

  /** Creates every object with {@code threads} concurrent clients; returns how long it took. */
  private <T> Duration createAll(List<T> objects, Create<T> create) throws Exception {
    Instant start = Instant.now();
    ExecutorService creators = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (T object : objects) {
        created.add(
            creators.submit(
                () -> {
                  create.create(object);
                  return null;
                }));
      }
      for (Future<?> f : created) {
        f.get();
      }
    } finally {
      creators.shutdown();
    }
    return Duration.between(start, Instant.now());
  }

  /**
   * Checks {@code done} every 250 ms (from informer caches: no requests) and samples {@code
   * progress} every second, logging it every five; returns the time from {@code start} until done,
   * or null after the timeout.
   */
  private Duration await(
      String phase, Instant start, Supplier<String> progress, BooleanSupplier done)
      throws InterruptedException {
    long lastSample = 0;
    int samples = 0;
    while (Duration.between(start, Instant.now()).toMillis() < timeoutMs) {
      if (done.getAsBoolean()) {
        Duration elapsed = Duration.between(start, Instant.now());
        note(phase, elapsed, progress.get() + " done");
        return elapsed;
      }
      if (System.currentTimeMillis() - lastSample >= 1000) {
        lastSample = System.currentTimeMillis();
        String line = progress.get();
        if (samples++ % 5 == 0) {
          note(phase, Duration.between(start, Instant.now()), line);
        }
      }
      Thread.sleep(250);
    }
    note(phase, Duration.between(start, Instant.now()), progress.get() + " TIMED OUT");
    return null;
  }

  private void note(String phase, Duration elapsed, String line) {
    String text =
        String.format(
            "%-8s t=%6.1fs load1=%5.2f %s", phase, seconds(elapsed), OperatorProbe.load1(), line);
    timeline.add(text);
    log("%s", text);
  }

  private Snapshot snapshot(LocalCluster cluster, KubernetesClient admin, long operatorPid) {
    String metrics = metrics(admin);
    Map<String, Double> cpu = new LinkedHashMap<>();
    if (operatorPid > 0) {
      cpu.put("operator", cpuSeconds(operatorPid));
    }
    for (String component : COMPONENTS) {
      cpu.put(component, cpuSeconds(cluster.pid(component)));
    }
    return new Snapshot(
        ApiServerRequests.parse(metrics), audit.offset(), cpu, OperatorProbe.load1());
  }

  private Phase phase(
      String name,
      int objects,
      Duration createCalls,
      Duration converged,
      Snapshot before,
      Snapshot after,
      double loadPeak) {
    Map<String, Double> cpu = new LinkedHashMap<>();
    after.cpu().forEach((k, v) -> cpu.put(k, v - before.cpu().getOrDefault(k, 0.0)));
    return new Phase(
        name,
        objects,
        createCalls,
        converged,
        after.requests().since(before.requests()),
        audit.between(before.auditOffset(), after.auditOffset()),
        cpu,
        before.load(),
        Math.max(loadPeak, after.load()),
        after.load());
  }

  /** User and system CPU seconds of process {@code pid} so far, from /proc/PID/stat. */
  private static double cpuSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / CLOCK_TICKS;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String result(
      Duration upTime, Duration settled, OperatorRun run, Duration cleared, Phase floor) {
    Phase op = run.phase();
    StringBuilder md = new StringBuilder();
    md.append("## make scale-local: ")
        .append(deployments)
        .append(" ModelDeployments over ")
        .append(nodes())
        .append(" KWOK nodes (")
        .append(zones)
        .append(" zones x ")
        .append(nodesPerZone)
        .append(")\n\n");
    md.append("| figure | operator | floor (bare client) |\n|---|---|---|\n");
    row(
        md,
        "objects created by the driver",
        op.objects() + " ModelDeployments (+3 pools)",
        floor.objects() + " Deployments and Services");
    row(md, "create calls", fmt(op.createCalls()), fmt(floor.createCalls()));
    row(
        md,
        "time to converge (first create to all Ready / all available)",
        fmt(op.converged()),
        fmt(floor.converged()));
    String ratio =
        op.converged() == null || floor.converged() == null
            ? "n/a"
            : String.format(
                "%.2f", op.converged().toMillis() / (double) floor.converged().toMillis());
    row(md, "ratio operator / floor (goal <= 1.5)", ratio, "");
    for (String component : op.cpuSeconds().keySet()) {
      row(
          md,
          "CPU seconds until converged: " + component,
          String.format("%.1f", op.cpuSeconds().get(component)),
          floor.cpuSeconds().containsKey(component)
              ? String.format("%.1f", floor.cpuSeconds().get(component))
              : "");
    }
    row(
        md,
        "API requests, all clients (apiserver_request_total)",
        String.valueOf(op.requests().total()),
        String.valueOf(floor.requests().total()));
    row(
        md,
        "API requests of the operator's ServiceAccount (audit log)",
        String.valueOf(total(op.serviceAccountRequests())),
        total(floor.serviceAccountRequests()) + " (the bare client, same ServiceAccount)");
    row(
        md,
        "load average (1 min): before / peak / at convergence",
        String.format("%.2f / %.2f / %.2f", op.loadBefore(), op.loadPeak(), op.loadAfter()),
        String.format(
            "%.2f / %.2f / %.2f", floor.loadBefore(), floor.loadPeak(), floor.loadAfter()));
    md.append("\n| operator JVM (-Xmx512m, SerialGC) | value |\n|---|---|\n");
    row(md, "heap used, peak of 1 s samples", OperatorProbe.mib(run.heapPeak()));
    row(md, "heap committed, peak", OperatorProbe.mib(run.committedPeak()));
    row(md, "heap used 5 s after convergence, before GC", OperatorProbe.mib(run.heapSettled()));
    row(md, "heap used after a full GC (live set)", OperatorProbe.mib(run.liveSet()));
    row(
        md,
        "ModelDeployment reconciles until convergence, and their total time",
        String.format("%.0f, %.1f s", run.reconciles(), run.reconcileSeconds()));
    row(md, "GC pauses, total", run.gcPauses() + " s");
    row(md, "log", LocalCluster.root().relativize(run.log()).toString());
    md.append("\n| run | value |\n|---|---|\n");
    row(md, "control plane up (nodes Ready)", fmt(upTime));
    row(md, "nodes settled after start-up (no node writes for 10 s)", fmt(settled));
    row(md, "operator's objects removed between the phases (GC and KWOK)", fmt(cleared));
    row(md, "CPUs", String.valueOf(Runtime.getRuntime().availableProcessors()));
    row(md, "arguments", String.join(" ", argsLine()));
    md.append("\nAPI requests by flow schema (client) during each phase:\n\n");
    sideBySide(
        md, "flow schema", op.requests().byFlowSchema(), floor.requests().byFlowSchema(), "0");
    md.append(
        "\nAPI requests of the operator's ServiceAccount by audit verb and resource (the API"
            + " server's audit log of that user alone; in the floor phase the bare client, with"
            + " the same ServiceAccount; in brackets, answers other than 2xx by code):\n\n");
    verbTable(md, op.serviceAccountRequests(), floor.serviceAccountRequests());
    md.append("\nAPI requests by verb and resource during each phase, all clients ")
        .append("(apiserver_request_total; in brackets, answers other than 2xx):\n\n");
    verbTable(md, op.requests().byVerbAndResource(), floor.requests().byVerbAndResource());
    return md.toString();
  }

  private static void verbTable(
      StringBuilder md, Map<String, RequestCounts> op, Map<String, RequestCounts> floor) {
    sideBySide(md, "verb resource", op, floor, "");
    row(md, "**total**", String.valueOf(total(op)), String.valueOf(total(floor)));
  }

  /** A row a key of either map: the key, then each phase's value ({@code missing} without one). */
  private static void sideBySide(
      StringBuilder md, String header, Map<String, ?> op, Map<String, ?> floor, String missing) {
    md.append("| ").append(header).append(" | operator phase | floor phase |\n|---|---|---|\n");
    Set<String> keys = new TreeSet<>(op.keySet());
    keys.addAll(floor.keySet());
    for (String key : keys) {
      row(
          md,
          key,
          op.containsKey(key) ? op.get(key).toString() : missing,
          floor.containsKey(key) ? floor.get(key).toString() : missing);
    }
  }

  private static long total(Map<String, RequestCounts> requests) {
    return requests.values().stream().mapToLong(RequestCounts::total).sum();
  }

  private List<String> argsLine() {
    List<String> line = new ArrayList<>();
    args.forEach((k, v) -> line.add("--" + k + "=" + v));
    return line.isEmpty() ? List.of("(defaults)") : line;
  }

  private static void row(StringBuilder md, String... cells) {
    md.append("| ").append(String.join(" | ", cells)).append(" |\n");
  }

  private static String fmt(Duration d) {
    return d == null ? "did not converge" : String.format("%.1f s", seconds(d));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private static KubernetesClient client(Path kubeconfig) throws IOException {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(120_000);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  private static void log(String format, Object... values) {
    System.out.printf("[scale-local] " + format + "%n", values);
    System.out.flush();
  }
}
