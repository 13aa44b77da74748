package dev.edgewise.runtime.model;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.edgewise.runtime.compress.NamedTensor;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a model's float parameters by name, and writes new values into them in place. */
public final class ModelParameters {

  private ModelParameters() {}

  /** The model's parameters in block order. */
  public static List<NamedTensor> read(Model model) {
    List<NamedTensor> out = new ArrayList<>();
    for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
      NDArray a = p.getValue().getArray();
      if (a.getDataType() != DataType.FLOAT32) {
        throw new IllegalArgumentException(
            "parameter " + p.getKey() + " is " + a.getDataType() + "; only float32 is supported");
      }
      out.add(new NamedTensor(p.getKey(), a.getShape().getShape(), a.toFloatArray()));
    }
    return out;
  }

  /** Sets each named parameter to the given values; names and shapes must match exactly. */
  public static void write(Model model, List<NamedTensor> tensors) {
    ai.djl.nn.ParameterList params = model.getBlock().getParameters();
    if (params.size() != tensors.size()) {
      throw new IllegalArgumentException(
          "model has " + params.size() + " parameters, artifact has " + tensors.size());
    }
    for (int i = 0; i < tensors.size(); i++) {
      NamedTensor t = tensors.get(i);
      Pair<String, Parameter> p = params.get(i);
      NDArray a = p.getValue().getArray();
      if (!p.getKey().equals(t.name()) || !Arrays.equals(a.getShape().getShape(), t.shape())) {
        throw new IllegalArgumentException(
            "parameter "
                + i
                + " is "
                + p.getKey()
                + a.getShape()
                + " in the model but "
                + t.name()
                + Arrays.toString(t.shape())
                + " in the artifact");
      }
      a.set(FloatBuffer.wrap(t.values()));
    }
  }
}
