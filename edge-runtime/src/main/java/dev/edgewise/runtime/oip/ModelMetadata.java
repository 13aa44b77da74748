package dev.edgewise.runtime.oip;

import java.util.List;

/**
 * Open Inference Protocol v2 model metadata ({@code GET /v2/models/{name}}).
 *
 * @param name model name
 * @param versions versions this server can answer for
 * @param platform backend, e.g. {@code pytorch_torchscript}
 * @param inputs input tensor descriptions
 * @param outputs output tensor descriptions
 */
public record ModelMetadata(
    String name,
    List<String> versions,
    String platform,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs) {

  /**
   * Name, datatype and shape of a tensor; {@code -1} is a variable dimension.
   *
   * @param name tensor name
   * @param datatype tensor datatype
   * @param shape dimensions
   */
  public record TensorMetadata(String name, String datatype, long[] shape) {}
}
