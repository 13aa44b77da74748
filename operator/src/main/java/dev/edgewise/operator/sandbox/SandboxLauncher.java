package dev.edgewise.operator.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Starts the sandbox before the operator when {@code --sandbox} is given, and points the operator's
 * Kubernetes client at it through system properties.
 */
public final class SandboxLauncher {
  private static final Logger LOG = Logger.getLogger(SandboxLauncher.class);

  private SandboxLauncher() {}

  /** Parsed {@code --sandbox} options. */
  public record Options(boolean enabled, int port, Path topology, Path samples, Path kubeconfig) {
    public static Options parse(String... args) {
      boolean enabled = false;
      int port = 6443;
      Path topology = null;
      Path samples = null;
      Path kubeconfig = Path.of(".sandbox/kubeconfig");
      for (String arg : args) {
        if (arg.equals("--sandbox")) {
          enabled = true;
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
      return new Options(enabled, port, topology, samples, kubeconfig);
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
    Sandbox sandbox = Sandbox.start(options.port(), topology, Duration.ofMillis(200));
    Path kubeconfig = Kubeconfig.write(options.kubeconfig(), sandbox.url());
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
}
