package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.serving.RuntimeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Turns OIP input tensors into a model input matrix and model outputs back into OIP tensors,
 * checking names, datatypes and shapes with messages that say what was wrong.
 */
public final class TensorCodec {

  /** Datatypes accepted for inputs; all are converted to FP32. */
  public static final Set<String> INPUT_DATATYPES = Set.of("FP32", "FP64", "INT32", "INT64");

  private final String modelName;
  private final String inputName;
  private final String outputName;
  private final int features;
  private final int maxRows;

  /** Creates a codec for a model with one {@code [-1, features]} input and one output. */
  public TensorCodec(
      String modelName, String inputName, String outputName, int features, int maxRows) {
    this.modelName = modelName;
    this.inputName = inputName;
    this.outputName = outputName;
    this.features = features;
    this.maxRows = maxRows;
  }

  /** The codec of the configured model, with the configured limit on rows per request. */
  public static TensorCodec forConfig(RuntimeConfig config) {
    RuntimeConfig.ModelConfig model = config.model();
    return new TensorCodec(
        model.name(),
        model.inputName(),
        model.outputName(),
        model.inputFeatures(),
        config.batching().maxRowsPerRequest());
  }

  /** Validates the request and returns its single input as a matrix. */
  public Matrix decode(InferenceRequest request) {
    if (request == null) {
      throw OipException.badRequest("request body is empty; send an OIP v2 inference request");
    }
    List<InferenceRequest.InputTensor> inputs = request.inputs();
    if (inputs == null || inputs.isEmpty()) {
      throw OipException.badRequest(
          "request has no inputs; model '" + modelName + "' takes input '" + inputName + "'");
    }
    if (inputs.size() != 1) {
      throw OipException.badRequest(
          "model '"
              + modelName
              + "' takes exactly one input, '"
              + inputName
              + "', got "
              + inputs.size());
    }
    checkOutputs(request.outputs());
    InferenceRequest.InputTensor in = inputs.get(0);
    if (!inputName.equals(in.name())) {
      throw OipException.badRequest(
          "unknown input '" + in.name() + "'; model '" + modelName + "' takes '" + inputName + "'");
    }
    String datatype = in.datatype();
    if (datatype == null || !INPUT_DATATYPES.contains(datatype)) {
      throw OipException.badRequest(
          "input '"
              + inputName
              + "' has unsupported datatype '"
              + datatype
              + "'; use FP32, FP64, INT32 or INT64");
    }
    long[] shape = in.shape();
    if (shape == null) {
      throw OipException.badRequest(
          "input '" + inputName + "' has no shape; expected [N, " + features + "]");
    }
    if (shape.length != 2 || shape[1] != features || shape[0] < 1) {
      throw OipException.badRequest(
          "input '"
              + inputName
              + "' has shape "
              + Arrays.toString(shape)
              + "; expected [N, "
              + features
              + "] with N >= 1");
    }
    if (shape[0] > maxRows) {
      throw OipException.badRequest(
          "input '"
              + inputName
              + "' has "
              + shape[0]
              + " rows; at most "
              + maxRows
              + " rows are accepted per request");
    }
    TensorData data = in.data();
    if (data == null) {
      throw OipException.badRequest("input '" + inputName + "' has no data");
    }
    int rows = (int) shape[0];
    long expected = (long) rows * features;
    if (data.values().length != expected) {
      throw OipException.badRequest(
          "input '"
              + inputName
              + "' has shape "
              + Arrays.toString(shape)
              + " which needs "
              + expected
              + " values, but data has "
              + data.values().length);
    }
    if (data.fractional() && datatype.startsWith("INT")) {
      throw OipException.badRequest(
          "input '" + inputName + "' is " + datatype + " but its data has non-integer values");
    }
    return new Matrix(data.values(), rows, features);
  }

  private void checkOutputs(List<InferenceRequest.RequestedOutput> outputs) {
    if (outputs == null) {
      return;
    }
    for (InferenceRequest.RequestedOutput o : outputs) {
      if (o == null || !outputName.equals(o.name())) {
        throw OipException.badRequest(
            "unknown output '"
                + (o == null ? null : o.name())
                + "'; model '"
                + modelName
                + "' produces '"
                + outputName
                + "'");
      }
    }
  }

  /** Wraps the model's output matrix as the response's single FP32 output tensor. */
  public InferenceResponse encode(String requestId, String version, Matrix output) {
    return encode(requestId, version, output, null);
  }

  /** As {@link #encode(String, String, Matrix)}, with top-level response parameters (or null). */
  public InferenceResponse encode(
      String requestId, String version, Matrix output, java.util.Map<String, Object> parameters) {
    InferenceResponse.OutputTensor tensor =
        new InferenceResponse.OutputTensor(
            outputName, new long[] {output.rows(), output.cols()}, "FP32", output.data());
    return new InferenceResponse(modelName, version, requestId, parameters, List.of(tensor));
  }
}
