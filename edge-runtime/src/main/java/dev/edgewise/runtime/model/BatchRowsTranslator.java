package dev.edgewise.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteOrder;

/**
 * The batcher's translator: the tensor {@code [rows, cols]} is made straight from the {@link
 * BatchRows} direct buffer, and the model's first output is read through a view of the tensor's
 * memory into one matrix per request, with no intermediate array of the whole output.
 */
final class BatchRowsTranslator
    implements NoBatchifyTranslator<BatchRows, BatchRowsTranslator.Split> {

  /** Each input's output rows, or null when the model returned {@code outputRows} != input rows. */
  record Split(Matrix[] parts, int outputRows) {}

  private BatchRows current;

  @Override
  public NDList processInput(TranslatorContext ctx, BatchRows input) {
    current = input;
    NDArray array =
        ctx.getNDManager()
            .create(input.buffer(), new Shape(input.rows(), input.cols()), DataType.FLOAT32);
    return new NDList(array);
  }

  @Override
  public Split processOutput(TranslatorContext ctx, NDList list) {
    BatchRows input = current;
    current = null;
    NDArray out = list.get(0);
    if (out.getDataType() != DataType.FLOAT32) {
      out = out.toType(DataType.FLOAT32, false);
    }
    Shape shape = out.getShape();
    int rows = shape.dimension() == 0 ? 1 : (int) shape.get(0);
    if (rows != input.rows()) {
      return new Split(null, rows);
    }
    int cols = rows == 0 ? 0 : (int) (shape.size() / rows);
    return new Split(
        input.split(out.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer(), cols),
        rows);
  }
}
