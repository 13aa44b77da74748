package dev.edgewise.sandbox;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Prints the {@link StatusReport} of a cluster each time it changes: the sandbox's own, or any
 * cluster a kubeconfig names ({@link #main}: {@code make run-local} on the real control plane).
 */
public final class StatusTable {
  private static final Logger LOG = Logger.getLogger(StatusTable.class);

  private StatusTable() {}

  /**
   * Checks {@code client}'s pools and ModelDeployments every {@code period} on {@code executor}.
   */
  public static void printEvery(
      KubernetesClient client,
      ScheduledExecutorService executor,
      Duration period,
      PrintStream out) {
    AtomicReference<String> last = new AtomicReference<>("");
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            String report =
                StatusReport.render(
                    client.resources(EdgeNodePool.class).list().getItems(),
                    client.resources(ModelDeployment.class).inAnyNamespace().list().getItems());
            if (!report.equals(last.getAndSet(report))) {
              out.println();
              out.print(report);
              out.flush();
            }
          } catch (KubernetesClientException e) {
            LOG.warnf("status report: %s", e.getMessage());
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** {@code StatusTable KUBECONFIG}: the table of that cluster, every second, until killed. */
  public static void main(String... args) throws Exception {
    if (args.length != 1) {
      System.err.println(
          "usage: java -cp edgewise-sandbox.jar dev.edgewise.sandbox.StatusTable KUBECONFIG");
      System.exit(2);
    }
    String kubeconfig = java.nio.file.Files.readString(java.nio.file.Path.of(args[0]));
    KubernetesClient client =
        new io.fabric8.kubernetes.client.KubernetesClientBuilder()
            .withConfig(io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig))
            .build();
    printEvery(
        client,
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(),
        Duration.ofSeconds(1),
        System.out);
    Thread.currentThread().join();
  }
}
