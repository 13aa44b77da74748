package dev.edgewise.operator.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * Starts the sandbox before the operator when {@code --sandbox} is given, and points the operator's
 * Kubernetes client at it through system properties. With {@code --sandbox-only} it starts the
 * sandbox alone and blocks, so the operator can run in another JVM (as {@code make scale} does, to
 * measure the operator's heap on its own) with {@code KUBECONFIG} set to the written kubeconfig.
 */
public final class SandboxLauncher {
  private static final Logger LOG = Logger.getLogger(SandboxLauncher.class);

  private SandboxLauncher() {}

  /** Parsed {@code --sandbox} options. */
  public record Options(
      boolean enabled,
      boolean only,
      int port,
      Path topology,
      Path samples,
      Path kubeconfig,
      Duration tick) {
    public static Options parse(String... args) {
      boolean enabled = false;
      boolean only = false;
      int port = 6443;
      Duration tick = Duration.ofMillis(200);
      Path topology = null;
      Path samples = null;
      Path kubeconfig = Path.of(".sandbox/kubeconfig");
      for (String arg : args) {
        if (arg.equals("--sandbox")) {
          enabled = true;
        } else if (arg.equals("--sandbox-only")) {
          enabled = true;
          only = true;
        } else if (arg.startsWith("--sandbox-tick-ms=")) {
          tick = Duration.ofMillis(Long.parseLong(value(arg)));
        } else if (arg.startsWith("--sandbox-port=")) {
          port = Integer.parseInt(value(arg));
        } else if (arg.startsWith("--topology=")) {
          topology = Path.of(value(arg));
        } else if (arg.startsWith("--samples=")) {
          samples = Path.of(value(arg));
        } else if (arg.startsWith("--kubeconfig-out=")) {
          kubeconfig = Path.of(value(arg));
        }
      }
      return new Options(enabled, only, port, topology, samples, kubeconfig, tick);
    }

    private static String value(String arg) {
      return arg.substring(arg.indexOf('=') + 1);
    }
  }

  /** Starts the sandbox and configures the operator's client for it; null when not asked. */
  public static Sandbox startIfAsked(String... args) {
    Options options = Options.parse(args);
    if (!options.enabled()) {
      return null;
    }
    ClusterTopology topology =
        options.topology() == null
            ? ClusterTopology.defaultTopology()
            : ClusterTopology.load(options.topology());
    Sandbox sandbox = Sandbox.start(options.port(), topology, options.tick());
    Path kubeconfig = Kubeconfig.write(options.kubeconfig(), sandbox.url());
    if (options.only()) {
      return sandbox;
    }
    sandbox.clientProperties().forEach(System::setProperty);
    LOG.infof(
        "sandbox ready: export KUBECONFIG=%s, then kubectl get nodes,edgenodepools,modeldeployments",
        kubeconfig.toAbsolutePath());
    if (options.samples() != null && Files.isDirectory(options.samples())) {
      sandbox.applySamples(options.samples());
      LOG.infof("applied the samples in %s", options.samples());
    }
    sandbox.printStatusEvery(Duration.ofSeconds(3), System.out);
    return sandbox;
  }

  /** True when {@code --sandbox-only} asks for the sandbox without the operator. */
  public static boolean sandboxOnly(String... args) {
    return Options.parse(args).only();
  }

  /**
   * Serves the sandbox until the JVM is stopped (SIGTERM or Ctrl-C), applying nothing and starting
   * no operator; prints the kubeconfig to use from another process.
   */
  public static void serveUntilKilled(Sandbox sandbox, Path kubeconfig) {
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-shutdown"));
    System.out.printf(
        "sandbox-only: API server at %s; KUBECONFIG=%s%n",
        sandbox.url(), kubeconfig.toAbsolutePath());
    System.out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
