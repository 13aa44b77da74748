package dev.edgewise.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands tensors to the model as DJL arrays of their own datatype (in {@code forward}'s argument
 * order, unnamed, so DJL passes them as plain tensor arguments) and reads every array the model
 * returns: a tensor, each element of a tuple or list in order, or each value of a dict, named by
 * its key (DJL's PyTorch engine flattens them into one {@link NDList}).
 */
final class TensorTranslator implements NoBatchifyTranslator<List<Tensor>, List<Tensor>> {

  @Override
  public NDList processInput(TranslatorContext ctx, List<Tensor> inputs) {
    NDList list = new NDList(inputs.size());
    for (Tensor t : inputs) {
      if (t.datatype() == Datatype.INT16) {
        // DJL 0.35.1's PyTorch JNI aborts the JVM on an INT16 array: never hand one over.
        throw new IllegalArgumentException(
            "input '" + t.name() + "' is INT16, which DJL 0.35.1's PyTorch engine cannot hold");
      }
      if (t.datatype() == Datatype.BYTES) {
        throw new IllegalArgumentException(
            "input '" + t.name() + "' is BYTES, which a TorchScript tensor cannot hold");
      }
      ByteBuffer data = t.data().duplicate().order(ByteOrder.nativeOrder());
      NDArray array = ctx.getNDManager().create(data, new Shape(t.shape()), t.datatype().djl());
      list.add(array);
    }
    return list;
  }

  /** Every output as a tensor; unnamed outputs are named {@code null} here. */
  @Override
  public List<Tensor> processOutput(TranslatorContext ctx, NDList list) {
    List<Tensor> out = new ArrayList<>(list.size());
    for (NDArray array : list) {
      Datatype type = Datatype.of(array.getDataType());
      if (type == null || type == Datatype.BYTES) {
        throw new IllegalStateException(
            "the model returned "
                + (array.getName() == null ? "an output" : "output '" + array.getName() + "'")
                + " of type "
                + array.getDataType()
                + ", which OIP cannot carry");
      }
      ByteBuffer native_ = array.toByteBuffer(true).order(ByteOrder.nativeOrder());
      ByteBuffer copy = ByteBuffer.allocate(native_.remaining()).order(ByteOrder.LITTLE_ENDIAN);
      if (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) {
        copy.put(native_);
      } else {
        throw new IllegalStateException("big-endian hosts are not supported");
      }
      copy.flip();
      String name = array.getName() == null ? "" : array.getName();
      out.add(new Tensor(name, type, array.getShape().getShape(), copy));
    }
    return out;
  }
}
