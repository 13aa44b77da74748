package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** A compression Job on a cloud node with an accuracy gate. */
@Data
@ValidationRule(
    value = "self.method == 'None' || has(self.evaluationDataUri)",
    message = "evaluationDataUri is required when method is not None: the accuracy gate needs data",
    fieldPath = ".evaluationDataUri",
    reason = "FieldValueRequired")
@ValidationRule(
    value = "!has(self.sparsity) || self.method == 'Prune' || self.method == 'PruneInt8'",
    message = "sparsity applies only to the Prune and PruneInt8 methods",
    fieldPath = ".sparsity")
public class CompressionSpec {
  @Required
  @JsonPropertyDescription("None, Int8, Float16, Prune or PruneInt8.")
  private CompressionMethod method;

  @Default("1.0")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription(
      "Largest accuracy loss, in percentage points, an artifact may show on the evaluation data;"
          + " an artifact that loses more is refused and not rolled out.")
  private Double maxAccuracyDrop;

  @Min(0)
  @Max(0.99)
  @JsonPropertyDescription("Fraction of weights pruning sets to zero (Prune, PruneInt8).")
  private Double sparsity;

  @Pattern(Patterns.MODEL_URI)
  @JsonPropertyDescription(
      "Labelled evaluation data (CSV, features then a label column) used by the accuracy gate.")
  private String evaluationDataUri;
}
