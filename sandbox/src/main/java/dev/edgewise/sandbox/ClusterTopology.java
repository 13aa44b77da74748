package dev.edgewise.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Taint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The simulated cluster a sandbox starts with, read from YAML: groups of nodes with labels,
 * capacity, taints and latencies, plus how the simulated kubelet behaves.
 */
public record ClusterTopology(List<NodeGroup> nodeGroups, Behaviour behaviour) {

  /** The default topology: 3 cloud nodes (2 with GPUs), 12 KubeEdge and 3 OpenYurt nodes. */
  public static final String DEFAULT_RESOURCE = "/sandbox/cluster.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  public ClusterTopology {
    nodeGroups = nodeGroups == null ? List.of() : List.copyOf(nodeGroups);
    behaviour = behaviour == null ? new Behaviour(null, null, null, null) : behaviour;
  }

  /** A set of similar nodes named {@code <namePrefix>-<n>}. */
  public record NodeGroup(
      String namePrefix,
      int count,
      Map<String, String> labels,
      List<Taint> taints,
      Map<String, String> capacity,
      List<Integer> latencyMs) {
    public NodeGroup {
      labels = labels == null ? Map.of() : new LinkedHashMap<>(labels);
      taints = taints == null ? List.of() : new ArrayList<>(taints);
      capacity = capacity == null ? Map.of("cpu", "4", "memory", "8Gi") : capacity;
      latencyMs = latencyMs == null ? List.of() : latencyMs;
    }
  }

  /**
   * How the simulated kubelet behaves: how long pods take to start and Jobs to finish, and which
   * model versions and Jobs fail (regular expressions; empty matches nothing).
   */
  public record Behaviour(
      Long podStartMillis, Long jobRunMillis, String failingModelVersions, String failingJobs) {
    public Behaviour {
      podStartMillis = podStartMillis == null ? 500L : podStartMillis;
      jobRunMillis = jobRunMillis == null ? 2000L : jobRunMillis;
      failingModelVersions = failingModelVersions == null ? "" : failingModelVersions;
      failingJobs = failingJobs == null ? "" : failingJobs;
    }
  }

  /** This topology with pods that take {@code millis} to become ready. */
  public ClusterTopology withPodStartMillis(long millis) {
    return new ClusterTopology(
        nodeGroups,
        new Behaviour(
            millis,
            behaviour.jobRunMillis(),
            behaviour.failingModelVersions(),
            behaviour.failingJobs()));
  }

  public static ClusterTopology load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return YAML.readValue(in, ClusterTopology.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the sandbox topology " + file, e);
    }
  }

  public static ClusterTopology defaultTopology() {
    try (InputStream in = ClusterTopology.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return YAML.readValue(in, ClusterTopology.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }
}
