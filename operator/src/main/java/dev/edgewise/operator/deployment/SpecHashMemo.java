package dev.edgewise.operator.deployment;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spec hash each set of inputs produced, for the most recent {@code capacity} of them. Building
 * a runtime Deployment with the fabric8 builders and hashing its JSON took a fifth of the
 * operator's CPU at scale, in reconciliations that mostly rebuilt what was already there; with this
 * memo a reconciliation whose inputs did not change compares one hash. Lives as long as the
 * operator process, so a new operator build starts empty and rebuilds everything once. Thread-safe.
 */
final class SpecHashMemo {
  private final Map<Object, String> hashes;

  SpecHashMemo(int capacity) {
    this.hashes =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Object, String> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The hash the inputs produced, or null when unknown. */
  synchronized String get(Object inputs) {
    return inputs == null ? null : hashes.get(inputs);
  }

  synchronized void put(Object inputs, String hash) {
    if (inputs != null) {
      hashes.put(inputs, hash);
    }
  }
}
