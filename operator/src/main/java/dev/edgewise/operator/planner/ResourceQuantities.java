package dev.edgewise.operator.planner;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/** Reads CPU, memory and extended resources out of Kubernetes quantity maps. */
public final class ResourceQuantities {
  public static final String CPU = "cpu";
  public static final String MEMORY = "memory";
  public static final String GPU = "nvidia.com/gpu";

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

  private ResourceQuantities() {}

  /** CPU in millicores, rounded up; 0 when absent. */
  public static long cpuMillis(Map<String, Quantity> resources) {
    Quantity quantity = resources == null ? null : resources.get(CPU);
    if (quantity == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(quantity)
        .multiply(THOUSAND)
        .setScale(0, RoundingMode.CEILING)
        .longValueExact();
  }

  /** A resource as a whole number (bytes for memory, a count for GPUs), rounded up; 0 if absent. */
  public static long amount(Map<String, Quantity> resources, String name) {
    Quantity quantity = resources == null ? null : resources.get(name);
    if (quantity == null) {
      return 0;
    }
    return Quantity.getAmountInBytes(quantity).setScale(0, RoundingMode.CEILING).longValueExact();
  }
}
