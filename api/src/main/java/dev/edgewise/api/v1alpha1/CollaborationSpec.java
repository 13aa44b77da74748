package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.Data;

/** Edge-cloud joint inference, as in KubeEdge Sedna, with hard-example capture. */
@Data
@ValidationRule(
    value =
        "self.mode != 'JointInference' || has(self.confidenceThreshold) || has(self.offloadBudgetPercent)",
    message = "JointInference needs confidenceThreshold or offloadBudgetPercent",
    fieldPath = ".confidenceThreshold",
    reason = "FieldValueRequired")
public class CollaborationSpec {
  @Default("EdgeOnly")
  @JsonPropertyDescription("EdgeOnly or JointInference.")
  private CollaborationMode mode;

  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Top-class probability under which the edge asks the cloud model (0 to 1).")
  private Double confidenceThreshold;

  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Most requests, in percent, the edge may send to the cloud.")
  private Integer offloadBudgetPercent;

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Replicas of the full model served in the cloud.")
  private Integer cloudReplicas;

  @Pattern(Patterns.MODEL_URI)
  @JsonPropertyDescription("Artifact of the cloud model; the uncompressed model when unset.")
  private String cloudModelUri;

  @Default("200")
  @Min(1)
  @Max(60000)
  @JsonPropertyDescription(
      "Deadline for the cloud's answer in milliseconds; past it the edge answer is returned,"
          + " marked as such.")
  private Integer cloudDeadlineMs;

  @Default("false")
  @JsonPropertyDescription("Keep the inputs of hard examples for retraining.")
  private Boolean captureHardExamples;
}
