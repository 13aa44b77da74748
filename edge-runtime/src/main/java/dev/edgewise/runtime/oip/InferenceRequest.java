package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol v2 inference request.
 *
 * @param id optional request id, echoed in the response
 * @param parameters optional request parameters (accepted, not interpreted)
 * @param inputs the input tensors
 * @param outputs optionally, which outputs to return
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record InferenceRequest(
    String id,
    Map<String, Object> parameters,
    List<InputTensor> inputs,
    List<RequestedOutput> outputs) {

  /**
   * One input tensor.
   *
   * @param name tensor name, must match the model's input
   * @param shape dimensions, e.g. {@code [N, 64]}
   * @param datatype the OIP datatype, e.g. FP32 or INT64
   * @param parameters optional tensor parameters ({@code binary_data_size} is interpreted)
   * @param data the values in row-major order, or null when they come in the binary part
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record InputTensor(
      String name,
      long[] shape,
      String datatype,
      Map<String, Object> parameters,
      TensorValues data) {}

  /**
   * An output the client asks for.
   *
   * @param name output name
   * @param parameters optional output parameters (accepted, not interpreted)
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record RequestedOutput(String name, Map<String, Object> parameters) {}
}
