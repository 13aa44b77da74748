package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** A training or fine-tuning Job placed on a cloud GPU node. */
@Data
public class TrainingSpec {
  @Required
  @Pattern("^[^\\s]+$")
  @JsonPropertyDescription("Container image of the training Job.")
  private String image;

  @JsonPropertyDescription("Entrypoint of the training container; the image's when empty.")
  private List<String> command = new ArrayList<>();

  @JsonPropertyDescription("Arguments of the training container.")
  private List<String> args = new ArrayList<>();

  @Default("1")
  @Min(1)
  @Max(16)
  @JsonPropertyDescription("nvidia.com/gpu the Job requests on one node.")
  private Integer gpus;

  @JsonPropertyDescription(
      "Required GPU model, matched against the node label nvidia.com/gpu.product.")
  private String gpuProduct;

  @Min(1)
  @JsonPropertyDescription(
      "Least GPU memory per GPU in MiB, matched against the node label nvidia.com/gpu.memory.")
  private Integer minGpuMemoryMiB;

  @Default("false")
  @JsonPropertyDescription("Allow training on edge nodes that have GPUs. Off by default.")
  private Boolean allowEdgeNodes;

  @Required
  @Pattern(Patterns.MODEL_URI)
  @JsonPropertyDescription(
      "Where the Job writes the trained artifact; compression, or the edge, takes it from there.")
  private String outputUri;

  @Default("3")
  @Min(0)
  @Max(20)
  @JsonPropertyDescription("Retries of the training Job before it is reported failed.")
  private Integer backoffLimit;

  @Min(60)
  @JsonPropertyDescription("Longest the training Job may run, in seconds.")
  private Long activeDeadlineSeconds;
}
