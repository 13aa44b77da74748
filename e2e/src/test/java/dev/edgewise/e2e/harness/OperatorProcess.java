package dev.edgewise.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
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

  /** The time at the start of a log line ({@code quarkus.log.console.format}: HH:mm:ss). */
  private static final Pattern LOGGED_AT = Pattern.compile("(\\d{2}:\\d{2}:\\d{2}) ");

  private final String name;
  private final Path kubeconfig;
  private final Map<String, String> environment;
  private final Path logs;
  private final List<Path> logFiles = new ArrayList<>();
  private final List<Window> apiServerStarts = new ArrayList<>();
  private Process process;
  private int metricsPort;

  /**
   * An operator called {@code name} (its log files are named after it) with {@code kubeconfig}, the
   * environment the chart rendered for it, and {@code environment} over that.
   */
  public OperatorProcess(String name, Path kubeconfig, Map<String, String> environment) {
    this.name = name;
    this.kubeconfig = kubeconfig;
    this.environment = chartEnvironment(kubeconfig);
    this.environment.putAll(environment);
    this.logs = LocalCluster.root().resolve("e2e/target/operator-logs");
  }

  /**
   * The environment the chart's Deployment gives the operator container, as {@code
   * operator-identity.sh} rendered it beside the kubeconfig ({@code operator-RELEASE.env}).
   */
  static Map<String, String> chartEnvironment(Path kubeconfig) {
    Path file =
        kubeconfig.resolveSibling(
            kubeconfig.getFileName().toString().replaceFirst("\\.kubeconfig$", "") + ".env");
    Map<String, String> environment = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          environment.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the chart's environment from " + file, e);
    }
    return environment;
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
      List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx512m", "-XX:+UseSerialGC"));
      command.addAll(extraJvmOptions());
      command.addAll(List.of("-Dquarkus.http.port=" + metricsPort, "-jar", jar.toString()));
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      builder.environment().putAll(environment);
      builder.environment().put("KUBECONFIG", kubeconfig.toString());
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JVM options to add to the operator's, from {@code -Dedgewise.e2e.operator-jvm-options} (space
   * separated; {@code {n}} becomes the JVM's number, for one file per start): a profiler, say
   * {@code -XX:StartFlightRecording=filename=operator-{n}.jfr}.
   */
  private List<String> extraJvmOptions() {
    String options = System.getProperty("edgewise.e2e.operator-jvm-options", "").trim();
    if (options.isEmpty()) {
      return List.of();
    }
    String n = String.valueOf(logFiles.size());
    return Arrays.stream(options.split("\\s+")).map(o -> o.replace("{n}", n)).toList();
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

  /**
   * Every line of every log of this operator that reports a 403, 409 or 422 answer, but for 403s
   * logged while an API server that had just started still synced its RBAC caches.
   */
  public List<String> refusals() {
    List<String> refused = new ArrayList<>();
    LocalTime loggedAt = null;
    for (String line : (Iterable<String>) lines()::iterator) {
      Matcher time = LOGGED_AT.matcher(line);
      if (time.lookingAt()) {
        loggedAt = LocalTime.parse(time.group(1));
      }
      Matcher code = REFUSED.matcher(line);
      if (code.find() && !(code.group(1).equals("403") && isStartingApiServer(loggedAt))) {
        refused.add(line);
      }
    }
    return refused;
  }

  /**
   * Tolerates 403 answers logged between the two times (to the second, as the log has them):
   * kube-apiserver serves requests as soon as it listens, and answers 403 until its RBAC informers
   * have synced, a moment later. Only for an API server started while the operator runs.
   */
  public synchronized void tolerateForbiddenWhileApiServerStarts(LocalTime from, LocalTime to) {
    apiServerStarts.add(new Window(from.withNano(0), to));
  }

  private synchronized boolean isStartingApiServer(LocalTime loggedAt) {
    return loggedAt != null && apiServerStarts.stream().anyMatch(w -> w.contains(loggedAt));
  }

  /** A span of wall-clock time, which may pass midnight. */
  private record Window(LocalTime from, LocalTime to) {
    boolean contains(LocalTime t) {
      return from.isAfter(to)
          ? !t.isBefore(from) || !t.isAfter(to)
          : !t.isBefore(from) && !t.isAfter(to);
    }
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
