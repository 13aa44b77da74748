package dev.edgewise.sandbox;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sandbox on its own, in a JVM of its own, for {@code make run} and {@code make scale}: starts
 * the API server with the simulated cluster, writes the kubeconfig, applies the samples if asked,
 * prints the status table each time it changes, and serves until the JVM is stopped (SIGTERM or
 * Ctrl-C). The operator runs in another JVM with {@code KUBECONFIG} set to the written file.
 *
 * <p>Options ({@code --name=value}): {@code --port} (6443; 0 for any free port), {@code --topology}
 * (a cluster YAML; the default is {@code sandbox/cluster.yaml}), {@code --samples} (a directory of
 * resources to create), {@code --kubeconfig-out} ({@code .sandbox/kubeconfig}), {@code --tick-ms}
 * (how often the simulated kubelet looks, 200), {@code --pod-start-ms} (how long a pod takes to
 * become ready, instead of the topology's {@code podStartMillis}), {@code --no-status} (no status
 * table).
 */
public final class SandboxMain {
  /**
   * Printed once the API server is up and the kubeconfig written; {@code make scale} waits for it.
   */
  public static final String READY_LINE = "sandbox ready:";

  private static final Duration STATUS_PERIOD = Duration.ofSeconds(3);

  /**
   * Loggers quietened, as the operator's application.properties does (the mock server's request
   * log, the informers' reconnects) and the client's "unstable version 'v1alpha1'" warnings.
   */
  private static final Map<String, Level> QUIET =
      Map.of(
          "io.fabric8.mockwebserver", Level.WARNING,
          "io.fabric8.kubernetes.client.informers", Level.WARNING,
          "io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", Level.SEVERE);

  /** Held because JUL keeps loggers, and so their levels, only weakly. */
  private static final List<Logger> QUIETENED = new ArrayList<>();

  private SandboxMain() {}

  /** Parsed command-line options. */
  public record Options(
      int port,
      Path topology,
      Path samples,
      Path kubeconfig,
      Duration tick,
      Long podStartMillis,
      boolean status) {
    public static Options parse(String... args) {
      int port = 6443;
      Path topology = null;
      Path samples = null;
      Path kubeconfig = Path.of(".sandbox/kubeconfig");
      Duration tick = Duration.ofMillis(200);
      boolean status = true;
      Long podStartMillis = null;
      for (String arg : args) {
        if (arg.startsWith("--port=")) {
          port = Integer.parseInt(value(arg));
        } else if (arg.startsWith("--topology=")) {
          topology = Path.of(value(arg));
        } else if (arg.startsWith("--samples=")) {
          samples = Path.of(value(arg));
        } else if (arg.startsWith("--kubeconfig-out=")) {
          kubeconfig = Path.of(value(arg));
        } else if (arg.startsWith("--tick-ms=")) {
          tick = Duration.ofMillis(Long.parseLong(value(arg)));
        } else if (arg.startsWith("--pod-start-ms=")) {
          podStartMillis = nonNegative("--pod-start-ms", value(arg));
        } else if (arg.equals("--no-status")) {
          status = false;
        } else {
          throw new IllegalArgumentException(
              "unknown option "
                  + arg
                  + " (--port=, --topology=, --samples=, --kubeconfig-out=, --tick-ms=,"
                  + " --pod-start-ms=, --no-status)");
        }
      }
      return new Options(port, topology, samples, kubeconfig, tick, podStartMillis, status);
    }

    private static long nonNegative(String option, String value) {
      try {
        long millis = Long.parseLong(value);
        if (millis >= 0) {
          return millis;
        }
      } catch (NumberFormatException notANumber) {
        // reported below, with the option's name
      }
      throw new IllegalArgumentException(
          option + ": '" + value + "' is not a number of milliseconds (0 or more)");
    }

    private static String value(String arg) {
      return arg.substring(arg.indexOf('=') + 1);
    }
  }

  public static void main(String... args) {
    // One line per record (before the first logger is used: the format is read once).
    System.setProperty(
        "java.util.logging.SimpleFormatter.format", "%1$tT %4$-7s [%3$s] %5$s%6$s%n");
    quietLoggers();
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("sandbox: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      Sandbox sandbox = start(options, System.out);
      Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    } catch (RuntimeException e) {
      // The API server's threads would keep a failed start alive: say why and end the JVM.
      System.err.println("sandbox: cannot start: " + e);
      e.printStackTrace();
      System.exit(1);
    }
    awaitShutdown();
  }

  /** Starts the sandbox as the options say; it runs until closed. */
  static Sandbox start(Options options, PrintStream out) {
    if (options.samples() != null && !Files.isDirectory(options.samples())) {
      throw new IllegalArgumentException("--samples: " + options.samples() + " is not a directory");
    }
    ClusterTopology topology =
        options.topology() == null
            ? ClusterTopology.defaultTopology()
            : ClusterTopology.load(options.topology());
    if (options.podStartMillis() != null) {
      topology = topology.withPodStartMillis(options.podStartMillis());
    }
    Sandbox sandbox = Sandbox.start(options.port(), topology, options.tick());
    try {
      Path kubeconfig = Kubeconfig.write(options.kubeconfig(), sandbox.url()).toAbsolutePath();
      out.printf(
          "%s API server at %s; export KUBECONFIG=%s, then kubectl get"
              + " nodes,edgenodepools,modeldeployments%n",
          READY_LINE, sandbox.url(), kubeconfig);
      if (options.samples() != null) {
        int applied = sandbox.applySamples(options.samples()).size();
        out.printf("sandbox: applied %d resources from %s%n", applied, options.samples());
      }
      out.flush();
      if (options.status()) {
        sandbox.printStatusEvery(STATUS_PERIOD, out);
      }
    } catch (RuntimeException e) {
      sandbox.close();
      throw e;
    }
    return sandbox;
  }

  private static void quietLoggers() {
    QUIET.forEach(
        (name, level) -> {
          Logger logger = Logger.getLogger(name);
          logger.setLevel(level);
          QUIETENED.add(logger);
        });
  }

  private static void awaitShutdown() {
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
