package dev.edgewise.runtime.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Matches what a model returned to the outputs its signature declares: by name when the model
 * returned a dict (every array named by its key), otherwise by position (a tuple, a list or one
 * tensor). Pure, so it is tested without a model.
 */
public final class OutputMapping {

  private OutputMapping() {}

  /**
   * The declared outputs, in signature order, named as declared.
   *
   * @throws IllegalStateException naming the output that the model did not return
   */
  public static List<Tensor> declared(Signature signature, List<Tensor> raw) {
    List<TensorSpec> specs = signature.outputs();
    List<Tensor> out = new ArrayList<>(specs.size());
    boolean byName = !raw.isEmpty() && raw.stream().allMatch(t -> !t.name().isEmpty());
    for (int i = 0; i < specs.size(); i++) {
      TensorSpec spec = specs.get(i);
      Tensor t;
      if (byName) {
        t =
            raw.stream()
                .filter(r -> r.name().equals(spec.name()))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the model returned a dict without key '"
                                + spec.name()
                                + "'; it has "
                                + raw.stream().map(Tensor::name).toList()));
      } else {
        if (i >= raw.size()) {
          throw new IllegalStateException(
              "the model returned "
                  + raw.size()
                  + " outputs but the signature declares "
                  + specs.size()
                  + " ("
                  + signature.outputNames()
                  + ")");
        }
        t = raw.get(i);
      }
      out.add(t.named(spec.name()));
    }
    return out;
  }

  /**
   * The outputs a warm-up pass of {@code rows} rows shows, for a signature that declares none: dict
   * keys, else {@code defaultName} for a single output, else {@code output_<i>}; datatypes as
   * returned, dimension 0 variable when every input's is and it matches {@code rows}.
   */
  public static List<TensorSpec> discovered(
      List<Tensor> raw, String defaultName, boolean batched, long rows) {
    List<TensorSpec> specs = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      Tensor t = raw.get(i);
      String name = !t.name().isEmpty() ? t.name() : raw.size() == 1 ? defaultName : "output_" + i;
      long[] shape = t.shape().clone();
      if (batched && shape.length > 0 && shape[0] == rows) {
        shape[0] = -1;
      }
      specs.add(new TensorSpec(name, t.datatype(), shape));
    }
    return specs;
  }

  /**
   * Checks that the warm-up outputs have the declared datatypes and agree with every fixed
   * dimension (dimension 0 given as {@code rows} for batched outputs).
   *
   * @throws IllegalStateException naming the output and the difference
   */
  public static void check(Signature signature, List<Tensor> outputs) {
    for (int i = 0; i < outputs.size(); i++) {
      TensorSpec spec = signature.outputs().get(i);
      Tensor t = outputs.get(i);
      if (t.datatype() != spec.datatype()) {
        throw new IllegalStateException(
            "output '"
                + spec.name()
                + "' is declared "
                + spec.datatype()
                + " but the model returns "
                + t.datatype());
      }
      if (!spec.accepts(t.shape())) {
        throw new IllegalStateException(
            "output '"
                + spec.name()
                + "' is declared "
                + Arrays.toString(spec.shape())
                + " but the model returns "
                + Arrays.toString(t.shape())
                + " for the warm-up input");
      }
    }
  }
}
