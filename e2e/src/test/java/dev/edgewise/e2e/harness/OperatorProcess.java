package dev.edgewise.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The operator as shipped: its packaged jar ({@code operator/target/quarkus-app}), prod profile,
 * server-side apply, with the kubeconfig of the chart's ServiceAccount and the environment the
 * chart's Deployment sets. Each start writes a log of its own; {@link #refusals()} finds the 403,
 * 409 and 422 answers of the API server in all of them.
 */
public final class OperatorProcess implements AutoCloseable {
  /** How the fabric8 client reports a refused request: {@code Status(..., code=409, ...)}. */
  private static final Pattern REFUSED = Pattern.compile("code=(403|409|422)\\b");

  private final String name;
  private final Path kubeconfig;
  private final Map<String, String> environment;
  private final Path logs;
  private final List<Path> logFiles = new ArrayList<>();
  private Process process;
  private int metricsPort;

  /**
   * An operator called {@code name} (its log files are named after it) with {@code kubeconfig} and
   * the chart's default environment plus {@code environment}.
   */
  public OperatorProcess(String name, Path kubeconfig, Map<String, String> environment) {
    this.name = name;
    this.kubeconfig = kubeconfig;
    this.environment = new HashMap<>(chartEnvironment());
    this.environment.putAll(environment);
    this.logs = LocalCluster.root().resolve("e2e/target/operator-logs");
  }

  /** What {@code helm template charts/edgewise} sets in the operator container by default. */
  static Map<String, String> chartEnvironment() {
    return Map.of(
        "POD_NAMESPACE", "edgewise",
        "EDGEWISE_RUNTIME_IMAGE", "edgewise-edge-runtime:0.1.0-SNAPSHOT",
        "EDGEWISE_RUNTIME_IMAGE_PULL_POLICY", "IfNotPresent",
        "EDGEWISE_RUNTIME_CPU_REQUEST", "250m",
        "EDGEWISE_RUNTIME_MEMORY_REQUEST", "512Mi",
        "EDGEWISE_RUNTIME_CPU_LIMIT", "2",
        "EDGEWISE_RUNTIME_MEMORY_LIMIT", "1Gi");
  }

  /** Starts the operator (a new JVM, a new log file). */
  public synchronized void start() {
    if (isAlive()) {
      return;
    }
    try {
      Files.createDirectories(logs);
      Path log = logs.resolve(name + "-" + (logFiles.size() + 1) + ".log");
      logFiles.add(log);
      Path jar = LocalCluster.root().resolve("operator/target/quarkus-app/quarkus-run.jar");
      metricsPort = freePort();
      ProcessBuilder builder =
          new ProcessBuilder(
                  javaBinary(),
                  "-Xmx512m",
                  "-XX:+UseSerialGC",
                  "-Dquarkus.http.port=" + metricsPort,
                  "-jar",
                  jar.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the current JVM's controllers have started (its log says so). */
  public void awaitStarted(Duration atMost) {
    Path log = logFiles.get(logFiles.size() - 1);
    Scenario.eventually(atMost)
        .until(
            () ->
                Files.readAllLines(log).stream()
                        .filter(l -> l.contains("controller started"))
                        .count()
                    >= 2);
  }

  /** Kills the JVM at once (SIGKILL), as the kubelet does once a pod's grace period is over. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      waitForExit(Duration.ofSeconds(20));
    }
  }

  /** The name this operator's logs are named after (its POD_NAME when it has one). */
  public String name() {
    return name;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The port of the running JVM's HTTP server ({@code /q/metrics}, {@code /q/health}). */
  public synchronized int metricsPort() {
    return metricsPort;
  }

  /** The log file of the running (or last) JVM. */
  public synchronized Path log() {
    return logFiles.get(logFiles.size() - 1);
  }

  /** The process id of the running JVM. */
  public synchronized long pid() {
    return process.pid();
  }

  /** Every line of every log of this operator that reports a 403, 409 or 422 answer. */
  public List<String> refusals() {
    return lines().filter(line -> REFUSED.matcher(line).find()).toList();
  }

  /** Every line of every log of this operator, oldest first. */
  public Stream<String> lines() {
    return logFiles.stream()
        .filter(Files::exists)
        .flatMap(
            file -> {
              try {
                return Files.readAllLines(file).stream();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      if (!waitForExit(Duration.ofSeconds(20))) {
        kill();
      }
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
