package dev.edgewise.runtime.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A model's inputs and outputs, in the order of the TorchScript {@code forward} arguments and of
 * its results: the runtime validates requests against it, reports it as model metadata and builds
 * its warm-up passes from it.
 *
 * @param inputs the inputs, in {@code forward}'s argument order
 * @param outputs the outputs, in the order the model returns them (tuple order; a dict output is
 *     matched by key)
 */
public record Signature(List<TensorSpec> inputs, List<TensorSpec> outputs) {

  /** Checks that names are unique and that there is at least one input. */
  public Signature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a signature needs at least one input");
    }
    unique(inputs, "input");
    unique(outputs, "output");
  }

  private static void unique(List<TensorSpec> tensors, String what) {
    Set<String> seen = new HashSet<>();
    for (TensorSpec t : tensors) {
      if (!seen.add(t.name())) {
        throw new IllegalArgumentException("two " + what + "s are named '" + t.name() + "'");
      }
    }
  }

  /** The one-input one-output FP32 {@code [-1, features]} signature of the digits models. */
  public static Signature rows(String input, int features, String output, int outputFeatures) {
    return new Signature(
        List.of(new TensorSpec(input, Datatype.FP32, new long[] {-1, features})),
        List.of(new TensorSpec(output, Datatype.FP32, new long[] {-1, outputFeatures})));
  }

  /** The input named {@code name}. */
  public Optional<TensorSpec> input(String name) {
    return inputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** The output named {@code name}. */
  public Optional<TensorSpec> output(String name) {
    return outputs.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /** Index of output {@code name}, or -1. */
  public int outputIndex(String name) {
    for (int i = 0; i < outputs.size(); i++) {
      if (outputs.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Input names, comma-separated, for error messages. */
  public String inputNames() {
    return names(inputs);
  }

  /** Output names, comma-separated, for error messages. */
  public String outputNames() {
    return names(outputs);
  }

  /** Whether any input is declared {@code BYTES}. */
  public boolean takesBytes() {
    return inputs.stream().anyMatch(t -> t.datatype() == Datatype.BYTES);
  }

  /** The same inputs with {@code outputs} in place of the declared ones. */
  public Signature withOutputs(List<TensorSpec> outputs) {
    return new Signature(inputs, new ArrayList<>(outputs));
  }

  private static String names(List<TensorSpec> tensors) {
    StringBuilder b = new StringBuilder();
    for (TensorSpec t : tensors) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append('\'').append(t.name()).append('\'');
    }
    return b.toString();
  }
}
