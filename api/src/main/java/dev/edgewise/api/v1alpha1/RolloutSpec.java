package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Steps, pacing and failure handling of a version change. */
@Data
@ValidationRule(
    value = "!has(self.steps) || self.steps.all(s, s >= 1 && s <= 100)",
    message = "each step is a percentage of placements between 1 and 100",
    fieldPath = ".steps",
    reason = "FieldValueInvalid")
@ValidationRule(
    value = "!has(self.steps) || size(self.steps) == 0 || self.steps[size(self.steps) - 1] == 100",
    message = "the last step must be 100 so the rollout completes",
    fieldPath = ".steps",
    reason = "FieldValueInvalid")
@ValidationRule(
    value =
        "!has(self.steps) || size(self.steps) < 2 || self.steps.all(s, self.steps.filter(t, t == s).size() == 1)",
    message = "steps must not repeat a percentage",
    fieldPath = ".steps",
    reason = "FieldValueInvalid")
public class RolloutSpec {
  @Default("Rolling")
  @JsonPropertyDescription("Canary or Rolling.")
  private RolloutStrategy strategy;

  @Size(max = 10)
  @JsonPropertyDescription(
      "Percentages of placements running the new version after each step, ending at 100, such as"
          + " [10, 50, 100]. Empty means one step of 100.")
  private List<Integer> steps = new ArrayList<>();

  @Default("true")
  @JsonPropertyDescription(
      "Promote to the next step as soon as the step's runtimes are ready. When false the rollout"
          + " pauses after each step until the annotation edgewise.dev/promote names that step.")
  private Boolean autoPromote;

  @Default("10m")
  @Pattern(Patterns.DURATION)
  @JsonPropertyDescription("How long one step may take to become ready before it counts as failed.")
  private String stepDeadline;

  @Default("true")
  @JsonPropertyDescription("Return to the previous version when a step fails.")
  private Boolean rollbackOnFailure;
}
