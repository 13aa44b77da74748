package dev.edgewise.operator.sandbox;

import dev.edgewise.sandbox.ClusterTopology;
import dev.edgewise.sandbox.Sandbox;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the sandbox cluster (mock API server, default topology, simulated kubelet; the {@code
 * edgewise-sandbox} test dependency) for a {@code @QuarkusTest} and points the operator at it.
 */
public class SandboxResource implements QuarkusTestResourceLifecycleManager {
  private static Sandbox sandbox;

  /** The running sandbox of the current test class. */
  public static Sandbox sandbox() {
    return sandbox;
  }

  @Override
  public Map<String, String> start() {
    ClusterTopology topology = ClusterTopology.defaultTopology();
    sandbox =
        Sandbox.start(
            0,
            new ClusterTopology(
                topology.nodeGroups(),
                new ClusterTopology.Behaviour(200L, 1000L, ".*-broken$", ".*-fail-.*")),
            Duration.ofMillis(100));
    sandbox.clientProperties().forEach(System::setProperty);
    return sandbox.clientProperties();
  }

  @Override
  public void stop() {
    if (sandbox != null) {
      sandbox.clientProperties().keySet().forEach(System::clearProperty);
      sandbox.close();
      sandbox = null;
    }
  }
}
