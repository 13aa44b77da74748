package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol v2 inference response.
 *
 * @param modelName the model that answered
 * @param modelVersion the version that computed the outputs
 * @param id the request's id, when it had one
 * @param parameters response parameters
 * @param outputs the output tensors
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InferenceResponse(
    @JsonProperty("model_name") String modelName,
    @JsonProperty("model_version") String modelVersion,
    String id,
    Map<String, Object> parameters,
    List<OutputTensor> outputs) {

  /**
   * One output tensor.
   *
   * @param name output name
   * @param shape dimensions
   * @param datatype always FP32 here
   * @param data row-major values
   */
  public record OutputTensor(String name, long[] shape, String datatype, float[] data) {}
}
