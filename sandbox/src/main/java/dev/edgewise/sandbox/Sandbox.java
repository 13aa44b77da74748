package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A simulated cluster in-process: the sandbox API server with the Edgewise CRDs installed, the
 * nodes of a {@link ClusterTopology}, and the {@link SimulatedKubelet}. Used by {@code make run},
 * by the operator tests and by {@code make scale}.
 */
public final class Sandbox implements AutoCloseable {
  /** CRD files packaged with the sandbox (copied from {@code crds/} by the build). */
  public static final List<String> CRD_RESOURCES =
      List.of(
          "/crds/edgenodepools.edgewise.dev-v1.yml", "/crds/modeldeployments.edgewise.dev-v1.yml");

  private static final Logger LOG = Logger.getLogger(Sandbox.class);

  private final SandboxApiServer apiServer;
  private final SimulatedKubelet kubelet;
  private final ScheduledExecutorService reporter =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "sandbox-report"));

  private Sandbox(SandboxApiServer apiServer, SimulatedKubelet kubelet) {
    this.apiServer = apiServer;
    this.kubelet = kubelet;
  }

  /** Starts the API server on {@code port} (0 for any), installs the CRDs and creates the nodes. */
  public static Sandbox start(int port, ClusterTopology topology, Duration tick) {
    Clock clock = Clock.systemUTC();
    SandboxApiServer apiServer = SandboxApiServer.start(port);
    apiServer.installCrds(loadCrds(), SchemaAdmission::new);
    KubernetesClient client = apiServer.client();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName("default").endMetadata().build())
        .create();
    for (Node node : SimulatedNodes.build(topology, clock.instant())) {
      client.nodes().resource(node).create();
    }
    SimulatedKubelet kubelet =
        new SimulatedKubelet(client, apiServer.inProcessWrites(), topology.behaviour(), clock)
            .start(tick);
    LOG.infof(
        "sandbox API server at %s with %d nodes",
        apiServer.url(), client.nodes().list().getItems().size());
    return new Sandbox(apiServer, kubelet);
  }

  static List<CustomResourceDefinition> loadCrds() {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (String resource : CRD_RESOURCES) {
      try (InputStream in = Sandbox.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is not on the classpath: run `make build`");
        }
        crds.add(Serialization.unmarshal(in, CustomResourceDefinition.class));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return crds;
  }

  /** Creates every resource in the YAML files of {@code dir} (not kustomization files). */
  public List<HasMetadata> applySamples(Path dir) {
    List<HasMetadata> applied = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(Sandbox::isSample).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata resource : client().load(in).items()) {
            applied.add(client().resource(resource).createOr(existing -> existing.update()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read samples from " + dir, e);
    }
    return applied;
  }

  private static boolean isSample(Path file) {
    String name = file.getFileName().toString();
    return (name.endsWith(".yaml") || name.endsWith(".yml")) && !name.startsWith("kustomization");
  }

  /**
   * fabric8 client settings (system properties read by {@code Config.autoConfigure}) that point any
   * client in this JVM (the operator of a {@code @QuarkusTest} included) at the sandbox and nowhere
   * else.
   */
  public Map<String, String> clientProperties() {
    return Map.of(
        "kubernetes.master", url(),
        "kubernetes.namespace", "default",
        "kubernetes.auth.token", "sandbox",
        "kubernetes.auth.tryKubeConfig", "false",
        "kubernetes.auth.tryServiceAccount", "false",
        "kubernetes.trust.certificates", "true");
  }

  /** Prints {@link StatusReport} whenever it changes, checking every {@code period}. */
  public void printStatusEvery(Duration period, PrintStream out) {
    StatusTable.printEvery(client(), reporter, period, out);
  }

  public String url() {
    return apiServer.url();
  }

  public KubernetesClient client() {
    return apiServer.client();
  }

  @Override
  public void close() {
    reporter.shutdownNow();
    kubelet.close();
    apiServer.close();
  }
}
