package dev.edgewise.operator.scale;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.sandbox.SandboxMain;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The scale run of {@code make scale}: a sandbox ({@code edgewise-sandbox.jar}, no status table) of
 * {@code zones x nodesPerZone} KubeEdge nodes in one JVM, the operator in another ({@code -Xmx512m}
 * by default), and this driver, which creates a few EdgeNodePools and {@code deployments}
 * ModelDeployments and measures the wall time from the first create until every ModelDeployment is
 * Ready for its current generation, sampling the operator's heap ({@code /q/metrics}) every second
 * and once more after a forced full GC ({@code jcmd GC.run}). Writes {@code result.md} and the logs
 * to the output directory.
 *
 * <p>Arguments ({@code --name=value}): jar (the operator's), sandbox-jar, out, deployments (1000),
 * zones (50), nodes-per-zone (100), operator-heap (512m), sandbox-heap (3g), tick-ms (200),
 * timeout-s (600).
 */
public final class ScaleDriver {
  private static final Pattern HEAP_USED =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern HEAP_COMMITTED =
      Pattern.compile("(?m)^jvm_memory_committed_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern GC_PAUSE_SUM =
      Pattern.compile("(?m)^jvm_gc_pause_seconds_sum\\{[^}]*} ([0-9.E+]+)$");
  private static final Pattern RECONCILES =
      Pattern.compile(
          "(?m)^edgewise_reconcile_seconds_count\\{controller=\"modeldeployment\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern RECONCILE_SECONDS =
      Pattern.compile(
          "(?m)^edgewise_reconcile_seconds_sum\\{controller=\"modeldeployment\",[^}]*} ([0-9.E+]+)$");
  private static final int LIST_EVERY = 3;
  private static final String[] POOLS = {"edge-all", "edge-west", "edge-east"};

  private final Map<String, String> args;
  private final Path out;
  private final int deployments;
  private final int zones;
  private final int nodesPerZone;
  private final HttpClient http = HttpClient.newHttpClient();

  private ScaleDriver(Map<String, String> args) {
    this.args = args;
    this.out = Path.of(args.getOrDefault("out", "target/scale")).toAbsolutePath();
    this.deployments = Integer.parseInt(args.getOrDefault("deployments", "1000"));
    this.zones = Integer.parseInt(args.getOrDefault("zones", "50"));
    this.nodesPerZone = Integer.parseInt(args.getOrDefault("nodes-per-zone", "100"));
  }

  public static void main(String... argv) throws Exception {
    Map<String, String> args = new LinkedHashMap<>();
    for (String arg : argv) {
      int eq = arg.indexOf('=');
      args.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    new ScaleDriver(args).run();
    // The Kubernetes client leaves non-daemon threads behind after close(); the run is over and
    // its figures are written, so end the JVM rather than hang until someone kills it.
    System.exit(0);
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    String jar = args.getOrDefault("jar", "operator/target/quarkus-app/quarkus-run.jar");
    String sandboxJar = args.getOrDefault("sandbox-jar", "sandbox/target/edgewise-sandbox.jar");
    Path topology = Files.writeString(out.resolve("topology.yaml"), topology());
    Path kubeconfig = out.resolve("kubeconfig");
    Files.deleteIfExists(kubeconfig);
    long timeoutMs = 1000L * Integer.parseInt(args.getOrDefault("timeout-s", "600"));

    Process sandbox =
        start(
            "sandbox",
            List.of(
                "java",
                "-Xmx" + args.getOrDefault("sandbox-heap", "3g"),
                "-jar",
                sandboxJar,
                "--port=0",
                "--tick-ms=" + args.getOrDefault("tick-ms", "200"),
                "--topology=" + topology,
                "--kubeconfig-out=" + kubeconfig,
                "--no-status"),
            Map.of());
    Process operator = null;
    try {
      waitForLog("sandbox", SandboxMain.READY_LINE, sandbox, timeoutMs);
      int metricsPort = freePort();
      operator =
          start(
              "operator",
              List.of(
                  "java",
                  "-Xmx" + args.getOrDefault("operator-heap", "512m"),
                  "-Dquarkus.http.port=" + metricsPort,
                  "-Dedgewise.server-side-apply=false",
                  "-jar",
                  jar),
              Map.of("KUBECONFIG", kubeconfig.toString()));
      waitForLog("operator", "started in", operator, timeoutMs);
      URI metrics = URI.create("http://localhost:" + metricsPort + "/q/metrics");
      measure(kubeconfig, operator, sandbox, metrics, timeoutMs);
    } finally {
      if (operator != null) {
        operator.destroy();
        operator.waitFor();
      }
      sandbox.destroy();
      sandbox.waitFor();
    }
  }

  /** How many ModelDeployments are in each phase, such as {@code {Ready=10, RollingOut=3}}. */
  private static Map<String, Long> phases(List<ModelDeployment> items) {
    return items.stream()
        .collect(
            Collectors.groupingBy(
                md ->
                    md.getStatus() == null || md.getStatus().getPhase() == null
                        ? "none"
                        : String.valueOf(md.getStatus().getPhase()),
                TreeMap::new,
                Collectors.counting()));
  }

  private void measure(
      Path kubeconfig, Process operator, Process sandbox, URI metrics, long timeoutMs)
      throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(60_000);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      double[] heapBefore = heap(metrics);
      double loadBefore = load1();
      double[] reconcilesBefore = reconciles(metrics);
      Duration operatorCpuBefore = cpu(operator);
      Duration sandboxCpuBefore = cpu(sandbox);
      Instant start = Instant.now();
      for (int p = 0; p < POOLS.length; p++) {
        client.resource(pool(p)).create();
      }
      ExecutorService creators = Executors.newFixedThreadPool(4);
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < deployments; i++) {
        String yaml = modelDeployment(i);
        created.add(creators.submit(() -> client.resource(yaml).create()));
      }
      for (Future<?> f : created) {
        f.get();
      }
      creators.shutdown();
      Duration createTime = Duration.between(start, Instant.now());
      log("created %d ModelDeployments in %.1f s", deployments, createTime.toMillis() / 1000.0);

      double peakUsed = heapBefore[0];
      double peakCommitted = heapBefore[1];
      double peakLoad = loadBefore;
      List<String> timeline = new ArrayList<>();
      Duration converged = null;
      for (int tick = 0; Duration.between(start, Instant.now()).toMillis() < timeoutMs; tick++) {
        double[] h = heap(metrics);
        peakUsed = Math.max(peakUsed, h[0]);
        peakCommitted = Math.max(peakCommitted, h[1]);
        peakLoad = Math.max(peakLoad, load1());
        if (tick % LIST_EVERY != 0) {
          Thread.sleep(1000);
          continue;
        }
        // Listing 1,000 ModelDeployments loads the sandbox too, so only every few seconds.
        List<ModelDeployment> items =
            client.resources(ModelDeployment.class).inNamespace("default").list().getItems();
        long ready = items.stream().filter(ScaleDriver::readyForGeneration).count();
        Duration elapsed = Duration.between(start, Instant.now());
        String line =
            String.format(
                "t=%5.1fs ready=%4d/%d heapUsed=%4.0fMiB committed=%4.0fMiB load1=%.2f phases=%s",
                elapsed.toMillis() / 1000.0,
                ready,
                deployments,
                h[0] / MiB,
                h[1] / MiB,
                load1(),
                phases(items));
        timeline.add(line);
        log("%s", line);
        if (items.size() == deployments && ready == deployments) {
          converged = elapsed;
          break;
        }
        Thread.sleep(1000);
      }
      double loadAfter = load1();
      double[] reconcilesAfter = reconciles(metrics);
      Duration operatorCpu = cpu(operator).minus(operatorCpuBefore);
      Duration sandboxCpu = cpu(sandbox).minus(sandboxCpuBefore);
      // Let the operator settle (rechecks, resync), then force a full GC and read the live heap.
      Thread.sleep(5000);
      double[] settled = heap(metrics);
      peakUsed = Math.max(peakUsed, settled[0]);
      exec(List.of("jcmd", String.valueOf(operator.pid()), "GC.run"));
      Thread.sleep(1000);
      double[] afterGc = heap(metrics);
      String gcPause = first(GC_PAUSE_SUM, scrape(metrics));
      String result =
          String.join(
              "\n",
              "| figure | value |",
              "|---|---|",
              "| nodes | "
                  + zones * nodesPerZone
                  + " ("
                  + zones
                  + " zones x "
                  + nodesPerZone
                  + ") |",
              "| ModelDeployments | " + deployments + " |",
              "| create calls (pools + ModelDeployments) | "
                  + String.format("%.1f s", createTime.toMillis() / 1000.0)
                  + " |",
              "| time to converge (first create to all Ready, observedGeneration current) | "
                  + (converged == null
                      ? "did not converge in " + timeoutMs / 1000 + " s"
                      : String.format("%.1f s", converged.toMillis() / 1000.0))
                  + " |",
              "| CPU used until convergence: operator / sandbox | "
                  + String.format(
                      "%.1f s / %.1f s",
                      operatorCpu.toMillis() / 1000.0, sandboxCpu.toMillis() / 1000.0)
                  + " |",
              "| ModelDeployment reconciles until convergence, and their total time | "
                  + String.format(
                      "%.0f, %.1f s",
                      reconcilesAfter[0] - reconcilesBefore[0],
                      reconcilesAfter[1] - reconcilesBefore[1])
                  + " |",
              "| operator heap used, peak of 1 s samples | " + mib(peakUsed) + " |",
              "| operator heap committed, peak | " + mib(peakCommitted) + " |",
              "| operator heap used after convergence, before GC | " + mib(settled[0]) + " |",
              "| operator heap used after a full GC (live set) | " + mib(afterGc[0]) + " |",
              "| operator GC pauses, total (jvm_gc_pause_seconds_sum, first collector) | "
                  + gcPause
                  + " s |",
              "| load average (1 min): before / peak / at convergence | "
                  + String.format("%.2f / %.2f / %.2f", loadBefore, peakLoad, loadAfter)
                  + " |",
              "| CPUs | " + Runtime.getRuntime().availableProcessors() + " |",
              "");
      Files.writeString(out.resolve("result.md"), result);
      Files.write(out.resolve("timeline.txt"), timeline);
      System.out.println();
      System.out.println(result);
      if (converged == null) {
        throw new IllegalStateException("did not converge; see " + out);
      }
    }
  }

  private static final double MiB = 1024.0 * 1024.0;

  private static String mib(double bytes) {
    return String.format("%.0f MiB", bytes / MiB);
  }

  private static boolean readyForGeneration(ModelDeployment md) {
    return md.getStatus() != null
        && md.getStatus().getPhase() == Phase.Ready
        && md.getMetadata().getGeneration() != null
        && md.getMetadata().getGeneration().equals(md.getStatus().getObservedGeneration());
  }

  /** 50 zones of 100 KubeEdge nodes by default; the first half of the zones are "west". */
  private String topology() {
    StringBuilder yaml = new StringBuilder("nodeGroups:\n");
    for (int z = 0; z < zones; z++) {
      String zone = String.format("z%02d", z);
      int offset = z;
      List<String> latencies =
          IntStream.range(0, 10).mapToObj(i -> String.valueOf(2 + (i * 7 + offset) % 60)).toList();
      yaml.append(
          """
            - namePrefix: edge-%1$s
              count: %2$d
              labels:
                node-role.kubernetes.io/edge: ""
                node-role.kubernetes.io/agent: ""
                topology.kubernetes.io/zone: %1$s
                edgewise.dev/region: %3$s
              taints:
                - {key: node-role.kubernetes.io/edge, effect: NoSchedule}
              capacity: {cpu: "8", memory: 16Gi}
              latencyMs: [%4$s]
          """
              .formatted(
                  zone,
                  nodesPerZone,
                  z < zones / 2 ? "west" : "east",
                  String.join(", ", latencies)));
    }
    yaml.append("behaviour:\n  podStartMillis: 500\n  jobRunMillis: 2000\n");
    return yaml.toString();
  }

  private static String pool(int index) {
    String selector =
        index == 0
            ? "matchExpressions:\n      - {key: node-role.kubernetes.io/edge, operator: Exists}"
            : "matchLabels:\n      edgewise.dev/region: " + (index == 1 ? "west" : "east");
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: EdgeNodePool
        metadata:
          name: %s
        spec:
          nodeSelector:
            %s
          edgePlatform: KubeEdge
          latencyLabel: edgewise.dev/latency-ms
          disconnectGracePeriod: 5m
          maxModelsPerNode: 4
        """
        .formatted(POOLS[index], selector);
  }

  /** Replicas 1-3, a 20-50 ms latency budget, spread over zones, in one of the three pools. */
  private static String modelDeployment(int index) {
    return """
        apiVersion: edgewise.dev/v1alpha1
        kind: ModelDeployment
        metadata:
          name: md-%04d
          namespace: default
        spec:
          model:
            uri: https://models.example.internal/scale/model-%04d.pt
            format: TorchScript
            sha256: 39e2bef28ce16435f0e3d2b6bef81d0c5b9655b9403fe7ae4fa3eb8feaf440cc
            version: v1
            inputs:
              - {name: input, datatype: FP32, shape: [-1, 64]}
            outputs:
              - {name: output, datatype: FP32, shape: [-1, 10]}
          placement:
            pools: [%s]
            maxLatencyMs: %d
            replicas: %d
            spreadBy: topology.kubernetes.io/zone
            resources:
              requests: {cpu: 100m, memory: 128Mi}
          collaboration:
            mode: EdgeOnly
        """
        .formatted(index, index, POOLS[index % 3], 20 + (index % 4) * 10, 1 + index % 3);
  }

  private Process start(String name, List<String> command, Map<String, String> env)
      throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    builder.redirectOutput(out.resolve(name + ".log").toFile());
    log("starting %s: %s", name, String.join(" ", command));
    return builder.start();
  }

  private void waitForLog(String name, String text, Process process, long timeoutMs)
      throws Exception {
    Path file = out.resolve(name + ".log");
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited; see " + file);
      }
      if (Files.exists(file) && Files.readString(file).contains(text)) {
        log("%s is up", name);
        return;
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(name + " did not start; see " + file);
  }

  /** ModelDeployment reconciles so far, and the seconds they took, summed over outcomes. */
  private double[] reconciles(URI metrics) {
    String text = scrape(metrics);
    return new double[] {sum(RECONCILES, text), sum(RECONCILE_SECONDS, text)};
  }

  /** CPU time a child process has used so far (user and system, all threads). */
  private static Duration cpu(Process process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Heap used and committed, summed over the heap pools, in bytes. */
  private double[] heap(URI metrics) {
    String text = scrape(metrics);
    return new double[] {sum(HEAP_USED, text), sum(HEAP_COMMITTED, text)};
  }

  private String scrape(URI metrics) {
    try {
      return http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double sum(Pattern pattern, String text) {
    double total = 0;
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? String.format("%.2f", Double.parseDouble(m.group(1))) : "n/a";
  }

  private static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static void exec(List<String> command) throws Exception {
    new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void log(String format, Object... values) {
    System.out.printf("[scale] " + format + "%n", values);
    System.out.flush();
  }
}
