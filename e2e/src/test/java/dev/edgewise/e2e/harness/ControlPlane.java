package dev.edgewise.e2e.harness;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every scenario of a test run shares, made once per run (not per test class) and closed when
 * the run ends: the control plane with the nodes of {@code e2e-cluster.yaml}, and the operator as
 * the chart installs it (release {@code edgewise}, every namespace).
 */
public final class ControlPlane implements ExtensionContext.Store.CloseableResource {
  private static final String TOPOLOGY = "e2e/src/test/resources/e2e-cluster.yaml";

  private final LocalCluster cluster;
  private final OperatorProcess operator;

  private ControlPlane(LocalCluster cluster, OperatorProcess operator) {
    this.cluster = cluster;
    this.operator = operator;
  }

  /** The run's control plane, started on first use. */
  static ControlPlane of(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(ControlPlane.class, key -> start(), ControlPlane.class);
  }

  private static ControlPlane start() {
    LocalCluster cluster = LocalCluster.start(LocalCluster.root().resolve(TOPOLOGY));
    Path kubeconfig = cluster.operatorKubeconfig("edgewise", "edgewise");
    applySamplePools(cluster);
    OperatorProcess operator = new OperatorProcess("edgewise", kubeconfig, Map.of());
    operator.start();
    return new ControlPlane(cluster, operator);
  }

  /** The samples' EdgeNodePools (cluster-scoped), which the scenarios' samples place in. */
  private static void applySamplePools(LocalCluster cluster) {
    Path samples = LocalCluster.root().resolve("config/samples");
    try (KubernetesClient admin = cluster.admin();
        Stream<Path> files = Files.list(samples)) {
      for (Path pool :
          files.filter(f -> f.getFileName().toString().contains("_edgenodepool_")).toList()) {
        try (InputStream in = Files.newInputStream(pool)) {
          admin.load(in).serverSideApply();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** The operator every scenario runs against unless it starts its own. */
  public OperatorProcess operator() {
    return operator;
  }

  @Override
  public void close() {
    try {
      operator.close();
    } finally {
      cluster.close();
    }
  }
}
