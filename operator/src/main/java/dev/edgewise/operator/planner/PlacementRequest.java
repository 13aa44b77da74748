package dev.edgewise.operator.planner;

import dev.edgewise.api.v1alpha1.PlacementSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the planner needs to know about one ModelDeployment's placement.
 *
 * @param pools pool names in order of preference (a poolSelector already resolved to names)
 * @param maxLatencyMs latency budget, or null for none
 * @param replicas how many nodes get a runtime (ignored when perNode)
 * @param perNode one runtime on every qualifying node
 * @param cpuMillis CPU each runtime requests, in millicores
 * @param memoryBytes memory each runtime requests, in bytes
 * @param spreadBy node label to spread placements over, or null
 * @param nodeSelector extra labels a node must carry
 * @param responseTime response-time scoring, or null to score by latency
 * @param poolSettings settings by pool name; a pool without settings gets {@link
 *     PoolSettings#defaults}
 * @param artifactBytes size of the artifact the runtimes download
 * @param otherModelsByNode placements of other ModelDeployments by node name, for maxModelsPerNode
 */
public record PlacementRequest(
    List<String> pools,
    Integer maxLatencyMs,
    int replicas,
    boolean perNode,
    long cpuMillis,
    long memoryBytes,
    String spreadBy,
    Map<String, String> nodeSelector,
    ResponseTimeScoring responseTime,
    Map<String, PoolSettings> poolSettings,
    long artifactBytes,
    Map<String, Integer> otherModelsByNode) {

  /** Copies the collections. */
  public PlacementRequest {
    pools = List.copyOf(pools);
    nodeSelector = Map.copyOf(nodeSelector);
    poolSettings = Map.copyOf(poolSettings);
    otherModelsByNode = Map.copyOf(otherModelsByNode);
  }

  /**
   * The request a PlacementSpec makes.
   *
   * @param spec the ModelDeployment's placement
   * @param poolSettings settings of the pools to place in, in order of preference; when the spec
   *     names no pools (it uses poolSelector), these pools are the ones the selector chose
   * @param artifactBytes size of the artifact, 0 when unknown
   * @param otherModelsByNode placements of other ModelDeployments by node name
   */
  public static PlacementRequest from(
      PlacementSpec spec,
      Map<String, PoolSettings> poolSettings,
      long artifactBytes,
      Map<String, Integer> otherModelsByNode) {
    List<String> pools =
        spec.getPools() == null || spec.getPools().isEmpty()
            ? new ArrayList<>(poolSettings.keySet())
            : spec.getPools();
    Map<String, Quantity> requests = requestsOf(spec.getResources());
    return new PlacementRequest(
        pools,
        spec.getMaxLatencyMs(),
        spec.getReplicas() == null ? 0 : spec.getReplicas(),
        Boolean.TRUE.equals(spec.getPerNode()),
        ResourceQuantities.cpuMillis(requests),
        ResourceQuantities.amount(requests, ResourceQuantities.MEMORY),
        spec.getSpreadBy(),
        spec.getNodeSelector() == null ? Map.of() : spec.getNodeSelector(),
        ResponseTimeScoring.from(spec.getResponseTimeModel()),
        poolSettings,
        artifactBytes,
        otherModelsByNode);
  }

  /** A builder, for callers that set a few fields (tests, benchmarks). */
  public static Builder builder() {
    return new Builder();
  }

  /** Settings of a pool, or the defaults when the request has none for it. */
  public PoolSettings settingsOf(String pool) {
    PoolSettings settings = poolSettings.get(pool);
    return settings == null ? PoolSettings.defaults(pool) : settings;
  }

  private static Map<String, Quantity> requestsOf(ResourceRequirements resources) {
    if (resources == null) {
      return Map.of();
    }
    Map<String, Quantity> requests = new LinkedHashMap<>();
    if (resources.getLimits() != null) {
      requests.putAll(resources.getLimits());
    }
    if (resources.getRequests() != null) {
      requests.putAll(resources.getRequests());
    }
    return requests;
  }

  /** Builds a {@link PlacementRequest} field by field; unset fields are empty or zero. */
  public static final class Builder {
    private List<String> pools = List.of();
    private Integer maxLatencyMs;
    private int replicas;
    private boolean perNode;
    private long cpuMillis;
    private long memoryBytes;
    private String spreadBy;
    private Map<String, String> nodeSelector = Map.of();
    private ResponseTimeScoring responseTime;
    private final Map<String, PoolSettings> poolSettings = new LinkedHashMap<>();
    private long artifactBytes;
    private Map<String, Integer> otherModelsByNode = Map.of();

    private Builder() {}

    public Builder pools(String... names) {
      this.pools = List.of(names);
      return this;
    }

    public Builder maxLatencyMs(Integer value) {
      this.maxLatencyMs = value;
      return this;
    }

    public Builder replicas(int value) {
      this.replicas = value;
      return this;
    }

    public Builder perNode(boolean value) {
      this.perNode = value;
      return this;
    }

    public Builder cpuMillis(long value) {
      this.cpuMillis = value;
      return this;
    }

    public Builder memoryBytes(long value) {
      this.memoryBytes = value;
      return this;
    }

    public Builder spreadBy(String value) {
      this.spreadBy = value;
      return this;
    }

    public Builder nodeSelector(Map<String, String> value) {
      this.nodeSelector = value;
      return this;
    }

    public Builder responseTime(ResponseTimeScoring value) {
      this.responseTime = value;
      return this;
    }

    public Builder pool(PoolSettings settings) {
      this.poolSettings.put(settings.name(), settings);
      return this;
    }

    public Builder artifactBytes(long value) {
      this.artifactBytes = value;
      return this;
    }

    public Builder otherModelsByNode(Map<String, Integer> value) {
      this.otherModelsByNode = value;
      return this;
    }

    public PlacementRequest build() {
      return new PlacementRequest(
          pools,
          maxLatencyMs,
          replicas,
          perNode,
          cpuMillis,
          memoryBytes,
          spreadBy,
          nodeSelector,
          responseTime,
          poolSettings,
          artifactBytes,
          otherModelsByNode);
    }
  }
}
