package dev.edgewise.runtime.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Stacks the inputs of several requests along dimension 0, one reusable native-order direct buffer
 * per model input, so that the tensors of a forward pass are made without a fresh direct buffer
 * each time; and splits the outputs back into each request's own rows. Grows to the largest batch
 * seen; not thread-safe (the batcher thread is its only user).
 */
final class TensorBatch {

  private final List<ByteBuffer> buffers = new ArrayList<>();

  /** The stacked tensors of {@code inputs} (all with the same batch key), in signature order. */
  List<Tensor> stack(List<ModelInput> inputs) {
    ModelInput first = inputs.get(0);
    List<Tensor> out = new ArrayList<>(first.tensors().size());
    for (int t = 0; t < first.tensors().size(); t++) {
      Tensor head = first.tensors().get(t);
      long bytes = 0;
      long rows = 0;
      for (ModelInput in : inputs) {
        bytes += in.tensors().get(t).byteSize();
        rows += in.tensors().get(t).rows();
      }
      if (bytes > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "batch of " + bytes + " bytes for input '" + head.name() + "' is too large");
      }
      ByteBuffer buffer = buffer(t, (int) bytes);
      for (ModelInput in : inputs) {
        buffer.put(in.tensors().get(t).data().duplicate());
      }
      buffer.flip();
      long[] shape = head.shape().clone();
      if (shape.length > 0) {
        shape[0] = rows;
      }
      out.add(new Tensor(head.name(), head.datatype(), shape, buffer));
    }
    return out;
  }

  /** A direct buffer of one input, copied as is (so DJL does not copy a heap buffer). */
  List<Tensor> direct(List<Tensor> tensors) {
    List<Tensor> out = new ArrayList<>(tensors.size());
    for (int t = 0; t < tensors.size(); t++) {
      Tensor in = tensors.get(t);
      if (in.data().isDirect()) {
        out.add(in);
        continue;
      }
      ByteBuffer buffer = buffer(t, in.byteSize());
      buffer.put(in.data().duplicate()).flip();
      out.add(new Tensor(in.name(), in.datatype(), in.shape(), buffer));
    }
    return out;
  }

  private ByteBuffer buffer(int index, int bytes) {
    while (buffers.size() <= index) {
      buffers.add(ByteBuffer.allocateDirect(0));
    }
    ByteBuffer b = buffers.get(index);
    if (b.capacity() < bytes) {
      b =
          ByteBuffer.allocateDirect(
              (int) Math.min(Integer.MAX_VALUE, Math.max(bytes, 2L * b.capacity())));
      buffers.set(index, b);
    }
    b.clear().limit(bytes);
    return b.order(ByteOrder.nativeOrder());
  }

  /**
   * Splits each output along dimension 0 into one part per input of {@code inputs}, each with
   * exactly that input's rows.
   *
   * @throws IllegalStateException when an output's dimension 0 is not the batch's row count
   */
  static List<List<Tensor>> split(List<ModelInput> inputs, List<Tensor> outputs) {
    List<List<Tensor>> parts = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      parts.add(new ArrayList<>(outputs.size()));
    }
    if (inputs.size() == 1) {
      parts.get(0).addAll(outputs);
      return parts;
    }
    long total = 0;
    for (ModelInput in : inputs) {
      total += in.rows();
    }
    for (Tensor out : outputs) {
      if (out.shape().length == 0 || out.shape()[0] != total) {
        throw new IllegalStateException(
            "model returned output '"
                + out.name()
                + "' of shape "
                + java.util.Arrays.toString(out.shape())
                + " for a batch of "
                + total
                + " rows");
      }
      long rowBytes = total == 0 ? 0 : out.byteSize() / total;
      ByteBuffer all = out.data();
      int pos = all.position();
      for (int i = 0; i < inputs.size(); i++) {
        int rows = inputs.get(i).rows();
        int n = (int) (rows * rowBytes);
        byte[] bytes = new byte[n];
        all.duplicate().position(pos).get(bytes);
        pos += n;
        long[] shape = out.shape().clone();
        shape[0] = rows;
        parts.get(i).add(new Tensor(out.name(), out.datatype(), shape, ByteBuffer.wrap(bytes)));
      }
    }
    return parts;
  }
}
