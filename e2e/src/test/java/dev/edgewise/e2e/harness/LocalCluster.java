package dev.edgewise.e2e.harness;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The real control plane of the end-to-end tests (kube-apiserver, controller manager, scheduler,
 * etcd, KWOK nodes), started by {@code e2e/local-cluster/local-cluster.sh} in its own folder and on
 * free ports, so that it runs beside a developer's own {@code make local-cluster-up}.
 */
public final class LocalCluster implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Map<String, String> settings;

  private LocalCluster(Path dir, int port, Map<String, String> settings) {
    this.dir = dir;
    this.port = port;
    this.settings = settings;
  }

  /** The project's root folder (Maven passes it as {@code edgewise.root}). */
  public static Path root() {
    return Path.of(System.getProperty("edgewise.root", "..")).toAbsolutePath().normalize();
  }

  /** Starts the control plane with the nodes of {@code topology}. */
  public static LocalCluster start(Path topology) {
    return start(root().resolve("e2e/target/local-cluster"), freePortBlock(), topology, Map.of());
  }

  /**
   * Starts the control plane in {@code dir} on {@code port} (etcd on the next two) with the nodes
   * of {@code topology} and {@code local-cluster.sh}'s settings ({@code
   * NODE_LEASE_DURATION_SECONDS}, ...).
   */
  public static LocalCluster start(
      Path dir, int port, Path topology, Map<String, String> settings) {
    LocalCluster cluster = new LocalCluster(dir, port, settings);
    cluster.script("down");
    cluster.script("up", topology.toString());
    return cluster;
  }

  /**
   * The process id of a component ({@code kube-apiserver}, {@code etcd}, {@code
   * kube-controller-manager}, {@code kube-scheduler}, {@code kwok}), as local-cluster.sh wrote it.
   */
  public long pid(String component) {
    try {
      return Long.parseLong(Files.readString(dir.resolve(component + ".pid")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client with the cluster admin's credentials (system:masters). */
  public KubernetesClient admin() {
    return clientFor(dir.resolve("kubeconfig"));
  }

  public Path adminKubeconfig() {
    return dir.resolve("kubeconfig");
  }

  /** The folder that holds the cluster's state and logs. */
  public Path dir() {
    return dir;
  }

  /** Runs a {@code local-cluster.sh} command (node-down, claims, stop-apiserver, ...). */
  public String script(String... args) {
    List<String> command = new ArrayList<>();
    command.add(root().resolve("e2e/local-cluster/local-cluster.sh").toString());
    command.addAll(List.of(args));
    return Commands.run(command, environment());
  }

  /**
   * Gives the operator the identity the chart renders (ServiceAccount, ClusterRoles, Roles and
   * bindings of {@code helm template} with {@code helmArgs}) and returns a kubeconfig for it.
   */
  public Path operatorKubeconfig(String release, String namespace, String... helmArgs) {
    List<String> command = new ArrayList<>();
    command.add(root().resolve("e2e/local-cluster/operator-identity.sh").toString());
    command.add(release);
    command.add(namespace);
    command.addAll(List.of(helmArgs));
    return Path.of(Commands.run(command, environment()).trim());
  }

  /**
   * Stops the cluster and removes its state, but keeps the components' logs in {@code
   * e2e/target/control-plane-logs} for whoever reads a failed run; with {@code
   * -Dedgewise.e2e.keep-cluster=true} leaves it all running.
   */
  @Override
  public void close() {
    if (Boolean.getBoolean("edgewise.e2e.keep-cluster")) {
      return;
    }
    Path kept = root().resolve("e2e/target/control-plane-logs");
    try (var logs = Files.list(dir.resolve("logs"))) {
      Files.createDirectories(kept);
      for (Path log : (Iterable<Path>) logs::iterator) {
        Files.copy(log, kept.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the control plane's logs in " + kept, e);
    } finally {
      script("down");
    }
  }

  static KubernetesClient clientFor(Path kubeconfig) {
    try {
      return new KubernetesClientBuilder()
          .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(settings);
    environment.put("LOCAL_CLUSTER_DIR", dir.toString());
    environment.put("LOCAL_CLUSTER_PORT", String.valueOf(port));
    return environment;
  }

  /** A port whose next two are free too (the API server's, then etcd's client and peer ports). */
  private static int freePortBlock() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int first = free(0);
      if (first < 65000 && free(first + 1) > 0 && free(first + 2) > 0) {
        return first;
      }
    }
    throw new IllegalStateException("no three consecutive free ports on 127.0.0.1");
  }

  private static int free(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException taken) {
      return -1;
    }
  }
}
