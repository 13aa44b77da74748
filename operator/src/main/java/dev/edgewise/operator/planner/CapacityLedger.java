package dev.edgewise.operator.planner;

import java.util.HashMap;
import java.util.Map;

/**
 * CPU, memory and model slots that plans have promised on nodes but that the node views do not show
 * yet (the pods do not exist). One ledger per planning round: share it between the plans of several
 * ModelDeployments so they do not all count on the same free capacity. Not thread-safe.
 */
public final class CapacityLedger {
  private final Map<String, long[]> reservedByNode = new HashMap<>();

  /** Records one new placement on the node. */
  public void reserve(String node, long cpuMillis, long memoryBytes) {
    long[] reserved = reservedByNode.computeIfAbsent(node, name -> new long[3]);
    reserved[0] += cpuMillis;
    reserved[1] += memoryBytes;
    reserved[2] += 1;
  }

  /** CPU promised on the node, in millicores. */
  public long cpuMillis(String node) {
    return get(node, 0);
  }

  /** Memory promised on the node, in bytes. */
  public long memoryBytes(String node) {
    return get(node, 1);
  }

  /** Placements promised on the node. */
  public long placements(String node) {
    return get(node, 2);
  }

  /** Whether no plan promised anything yet. */
  public boolean isEmpty() {
    return reservedByNode.isEmpty();
  }

  private long get(String node, int index) {
    if (reservedByNode.isEmpty()) {
      return 0;
    }
    long[] reserved = reservedByNode.get(node);
    return reserved == null ? 0 : reserved[index];
  }
}
