package dev.edgewise.runtime.model;

import dev.edgewise.runtime.batching.BatchItem;
import java.util.List;

/**
 * A request's input tensors, checked against the signature and in its order (the order of {@code
 * forward}'s arguments), with the batching key: requests whose inputs have the same datatypes and
 * the same dimensions after the first are stacked along dimension 0; a model whose inputs do not
 * all have a variable dimension 0 of the same size runs each request alone.
 *
 * @param tensors one tensor per signature input, in signature order
 * @param rows dimension 0 shared by all inputs (1 when a request cannot be batched)
 * @param batchKey what requests that can share a forward pass have in common, or null
 */
public record ModelInput(List<Tensor> tensors, int rows, Object batchKey) implements BatchItem {

  /** The input of {@code tensors}, already in signature order. */
  public static ModelInput of(Signature signature, List<Tensor> tensors) {
    tensors = List.copyOf(tensors);
    boolean batchable = signature.outputs().stream().allMatch(TensorSpec::batched);
    long rows = -1;
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < tensors.size() && batchable; i++) {
      Tensor t = tensors.get(i);
      if (!signature.inputs().get(i).batched() || t.shape().length == 0) {
        batchable = false;
        break;
      }
      if (rows == -1) {
        rows = t.shape()[0];
      } else if (rows != t.shape()[0]) {
        batchable = false;
        break;
      }
      key.append(t.datatype().name()).append('[');
      for (int d = 1; d < t.shape().length; d++) {
        key.append(t.shape()[d]).append(',');
      }
      key.append(']');
    }
    if (!batchable || rows > Integer.MAX_VALUE) {
      return new ModelInput(tensors, 1, null);
    }
    return new ModelInput(tensors, (int) rows, key.toString());
  }
}
