package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Where a model artifact lives, what it is, and which version it is. */
@Data
public class ModelSpec {
  @Required
  @Pattern(Patterns.MODEL_URI)
  @JsonPropertyDescription(
      "Artifact location: http(s)://, pvc://<claim>/<path> or file:// (a path on the node).")
  private String uri;

  @Default("TorchScript")
  @JsonPropertyDescription("Artifact format: TorchScript or DJL.")
  private ModelFormat format;

  @Pattern(Patterns.SHA256)
  @JsonPropertyDescription(
      "Expected SHA-256 of the artifact (64 lowercase hex digits). Runtimes refuse a mismatch.")
  private String sha256;

  @Required
  @Pattern(Patterns.VERSION)
  @JsonPropertyDescription(
      "Model version. Changing it rolls the new version out to every placement.")
  private String version;

  @JsonPropertyDescription("Input tensors the model accepts.")
  private List<TensorSpec> inputs = new ArrayList<>();

  @JsonPropertyDescription("Output tensors the model returns.")
  private List<TensorSpec> outputs = new ArrayList<>();
}
