package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.ModelInput;
import dev.edgewise.runtime.model.Signature;
import dev.edgewise.runtime.model.Tensor;
import dev.edgewise.runtime.model.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an OIP request against the model's signature and turns it into the model's input (one
 * tensor per declared input, in {@code forward}'s order, each in its own datatype) and the outputs
 * the client asked for, in the order asked, each sent as JSON or binary data. Every mismatch is a
 * 400 that names the tensor and the problem. Pure: tested without a model or HTTP.
 */
public final class TensorCodec {

  /** The request parameter asking for every output as binary data. */
  public static final String BINARY_DATA_OUTPUT = "binary_data_output";

  /** The output parameter asking for (or declining) this output as binary data. */
  public static final String BINARY_DATA = "binary_data";

  /** The tensor parameter giving the size of a tensor's binary data. */
  public static final String BINARY_DATA_SIZE = "binary_data_size";

  private final String modelName;
  private final int maxRows;

  /**
   * Creates a codec.
   *
   * @param maxRows most rows (dimension 0) one request may carry
   */
  public TensorCodec(String modelName, int maxRows) {
    this.modelName = modelName;
    this.maxRows = maxRows;
  }

  /**
   * One output to send back.
   *
   * @param index position among the model's outputs (signature order)
   * @param name its name
   * @param binary whether its values go in the binary part of the response
   */
  public record OutputChoice(int index, String name, boolean binary) {}

  /** A checked request: the model's input and the outputs to return. */
  public record Decoded(String id, ModelInput input, List<OutputChoice> outputs) {

    /** Whether any output is sent as binary data. */
    public boolean binary() {
      return outputs.stream().anyMatch(OutputChoice::binary);
    }
  }

  /** Validates {@code request} against {@code signature}. */
  public Decoded decode(InferenceRequest request, Signature signature) {
    if (request == null) {
      throw OipException.badRequest("request body is empty; send an OIP v2 inference request");
    }
    List<InferenceRequest.InputTensor> inputs = request.inputs();
    if (inputs == null || inputs.isEmpty()) {
      throw OipException.badRequest(
          "request has no inputs; model '" + modelName + "' takes " + signature.inputNames());
    }
    Tensor[] ordered = new Tensor[signature.inputs().size()];
    for (InferenceRequest.InputTensor in : inputs) {
      if (in == null) {
        throw OipException.badRequest("inputs holds null; every input must be a tensor object");
      }
      int index = indexOf(signature.inputs(), in.name());
      if (index < 0) {
        throw OipException.badRequest(
            "unknown input '"
                + in.name()
                + "'; model '"
                + modelName
                + "' takes "
                + signature.inputNames());
      }
      if (ordered[index] != null) {
        throw OipException.badRequest("input '" + in.name() + "' is given twice");
      }
      ordered[index] = tensor(in, signature.inputs().get(index), signature);
    }
    for (int i = 0; i < ordered.length; i++) {
      if (ordered[i] == null) {
        TensorSpec missing = signature.inputs().get(i);
        throw OipException.badRequest(
            "input '"
                + missing.name()
                + "' ("
                + missing.describe()
                + ") is missing; model '"
                + modelName
                + "' takes "
                + signature.inputNames());
      }
    }
    return new Decoded(
        request.id(),
        ModelInput.of(signature, Arrays.asList(ordered)),
        outputs(request, signature));
  }

  private Tensor tensor(InferenceRequest.InputTensor in, TensorSpec spec, Signature signature) {
    String name = spec.name();
    Datatype type = Datatype.find(in.datatype());
    if (in.datatype() == null) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has no datatype; model '"
              + modelName
              + "' takes "
              + spec.datatype());
    }
    if (type == Datatype.BYTES && !signature.takesBytes()) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' is BYTES, but model '"
              + modelName
              + "' declares no BYTES input: send "
              + spec.datatype()
              + " as its metadata says");
    }
    if (type != spec.datatype()) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has datatype "
              + (type == null ? "'" + in.datatype() + "'" : type)
              + "; model '"
              + modelName
              + "' takes "
              + spec.datatype()
              + " (no conversion is made)");
    }
    long[] shape = in.shape();
    if (shape == null) {
      throw OipException.badRequest(
          "input '" + name + "' has no shape; expected " + Arrays.toString(spec.shape()));
    }
    if (!spec.accepts(shape)) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + "; expected "
              + Arrays.toString(spec.shape())
              + " (-1: any size)");
    }
    if (spec.batched() && shape[0] > maxRows) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has "
              + shape[0]
              + " rows; at most "
              + maxRows
              + " rows are accepted per request (edgewise.batching.max-rows-per-request)");
    }
    if (shape.length > 0 && shape[0] < 1 && spec.batched()) {
      throw OipException.badRequest("input '" + name + "' has no rows: " + Arrays.toString(shape));
    }
    TensorValues data = in.data();
    if (data == null) {
      throw OipException.badRequest("input '" + name + "' has no data");
    }
    long expected;
    try {
      expected = Tensor.elements(shape);
    } catch (ArithmeticException e) {
      throw OipException.badRequest(
          "input '" + name + "' has shape " + Arrays.toString(shape) + ", too many elements");
    }
    if (data.count() != expected) {
      throw OipException.badRequest(
          "input '"
              + name
              + "' has shape "
              + Arrays.toString(shape)
              + " which needs "
              + expected
              + " values, but data has "
              + data.count());
    }
    return new Tensor(name, type, shape, data.bytes());
  }

  private List<OutputChoice> outputs(InferenceRequest request, Signature signature) {
    boolean allBinary = flag(request.parameters(), BINARY_DATA_OUTPUT, false);
    List<OutputChoice> out = new ArrayList<>();
    if (request.outputs() == null) {
      for (int i = 0; i < signature.outputs().size(); i++) {
        out.add(new OutputChoice(i, signature.outputs().get(i).name(), allBinary));
      }
      return out;
    }
    Set<String> seen = new HashSet<>();
    for (InferenceRequest.RequestedOutput o : request.outputs()) {
      String name = o == null ? null : o.name();
      int index = signature.outputIndex(name);
      if (index < 0) {
        throw OipException.badRequest(
            "unknown output '"
                + name
                + "'; model '"
                + modelName
                + "' produces "
                + signature.outputNames());
      }
      if (!seen.add(name)) {
        throw OipException.badRequest("output '" + name + "' is asked for twice");
      }
      out.add(new OutputChoice(index, name, flag(o.parameters(), BINARY_DATA, allBinary)));
    }
    return out;
  }

  private static boolean flag(Map<String, Object> parameters, String key, boolean otherwise) {
    Object v = parameters == null ? null : parameters.get(key);
    if (v == null) {
      return otherwise;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    throw OipException.badRequest("parameter " + key + " must be true or false, got " + v);
  }

  private static int indexOf(List<TensorSpec> specs, String name) {
    for (int i = 0; i < specs.size(); i++) {
      if (specs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
