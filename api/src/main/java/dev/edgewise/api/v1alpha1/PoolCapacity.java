package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.Data;

/** Capacity of a pool's ready nodes; free means allocatable minus requests of running pods. */
@Data
public class PoolCapacity {
  @JsonPropertyDescription("Allocatable CPU in millicores.")
  private long cpuAllocatableMillis;

  @JsonPropertyDescription("Free CPU in millicores.")
  private long cpuFreeMillis;

  @JsonPropertyDescription("Allocatable memory in MiB.")
  private long memoryAllocatableMiB;

  @JsonPropertyDescription("Free memory in MiB.")
  private long memoryFreeMiB;

  @JsonPropertyDescription("Allocatable nvidia.com/gpu.")
  private long gpusAllocatable;

  @JsonPropertyDescription("Free nvidia.com/gpu.")
  private long gpusFree;
}
