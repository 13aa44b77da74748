package dev.edgewise.operator.scale;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.sandbox.SandboxMain;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
  private static final int LIST_EVERY = 3;

  private final Map<String, String> args;
  private final Path out;
  private final int deployments;
  private final int zones;
  private final int nodesPerZone;

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
    Path topology =
        Files.writeString(out.resolve("topology.yaml"), ScaleLoad.topology(zones, nodesPerZone));
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
      measure(kubeconfig, operator, sandbox, new OperatorProbe(metricsPort), timeoutMs);
    } finally {
      if (operator != null) {
        operator.destroy();
        operator.waitFor();
      }
      sandbox.destroy();
      sandbox.waitFor();
    }
  }

  private void measure(
      Path kubeconfig, Process operator, Process sandbox, OperatorProbe probe, long timeoutMs)
      throws Exception {
    Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
    config.setRequestTimeout(60_000);
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
      double[] heapBefore = probe.heap();
      double loadBefore = OperatorProbe.load1();
      double[] reconcilesBefore = probe.reconciles();
      Duration operatorCpuBefore = OperatorProbe.cpu(operator);
      Duration sandboxCpuBefore = OperatorProbe.cpu(sandbox);
      Instant start = Instant.now();
      for (int p = 0; p < ScaleLoad.POOLS.size(); p++) {
        client.resource(ScaleLoad.pool(p)).create();
      }
      ExecutorService creators = Executors.newFixedThreadPool(4);
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < deployments; i++) {
        String yaml = ScaleLoad.modelDeployment(i, "default");
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
        double[] h = probe.heap();
        peakUsed = Math.max(peakUsed, h[0]);
        peakCommitted = Math.max(peakCommitted, h[1]);
        peakLoad = Math.max(peakLoad, OperatorProbe.load1());
        if (tick % LIST_EVERY != 0) {
          Thread.sleep(1000);
          continue;
        }
        // Listing 1,000 ModelDeployments loads the sandbox too, so only every few seconds.
        List<ModelDeployment> items =
            client.resources(ModelDeployment.class).inNamespace("default").list().getItems();
        long ready = items.stream().filter(ScaleLoad::readyForGeneration).count();
        Duration elapsed = Duration.between(start, Instant.now());
        String line =
            String.format(
                "t=%5.1fs ready=%4d/%d heapUsed=%4.0fMiB committed=%4.0fMiB load1=%.2f phases=%s",
                elapsed.toMillis() / 1000.0,
                ready,
                deployments,
                h[0] / OperatorProbe.MiB,
                h[1] / OperatorProbe.MiB,
                OperatorProbe.load1(),
                ScaleLoad.phases(items));
        timeline.add(line);
        log("%s", line);
        if (items.size() == deployments && ready == deployments) {
          converged = elapsed;
          break;
        }
        Thread.sleep(1000);
      }
      double loadAfter = OperatorProbe.load1();
      double[] reconcilesAfter = probe.reconciles();
      Duration operatorCpu = OperatorProbe.cpu(operator).minus(operatorCpuBefore);
      Duration sandboxCpu = OperatorProbe.cpu(sandbox).minus(sandboxCpuBefore);
      // Let the operator settle (rechecks, resync), then force a full GC and read the live heap.
      Thread.sleep(5000);
      double[] settled = probe.heap();
      peakUsed = Math.max(peakUsed, settled[0]);
      double liveSet = probe.liveSet(operator.pid());
      String gcPause = probe.gcPauseSeconds();
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
              "| operator heap used, peak of 1 s samples | " + OperatorProbe.mib(peakUsed) + " |",
              "| operator heap committed, peak | " + OperatorProbe.mib(peakCommitted) + " |",
              "| operator heap used after convergence, before GC | "
                  + OperatorProbe.mib(settled[0])
                  + " |",
              "| operator heap used after a full GC (live set) | "
                  + OperatorProbe.mib(liveSet)
                  + " |",
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
