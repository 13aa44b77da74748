package dev.edgewise.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Name, element type and shape of one model input or output tensor. */
@Data
@NoArgsConstructor
@AllArgsConstructor
public class TensorSpec {
  @Required
  @Pattern("^[A-Za-z_][A-Za-z0-9_.-]{0,62}$")
  @JsonPropertyDescription("Tensor name as it appears in inference requests.")
  private String name;

  @Default("FP32")
  @JsonPropertyDescription("Element type: FP32, FP64, INT32 or INT64.")
  private TensorDatatype datatype;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Shape; -1 marks a variable dimension such as the batch.")
  private List<Long> shape = new ArrayList<>();
}
