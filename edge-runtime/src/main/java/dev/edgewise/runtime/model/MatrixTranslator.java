package dev.edgewise.runtime.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns a {@link Matrix} into a float tensor {@code [rows, cols]} and the model's first output back
 * into a {@link Matrix}; the tensors live only for one prediction.
 */
public final class MatrixTranslator implements NoBatchifyTranslator<Matrix, Matrix> {

  @Override
  public NDList processInput(TranslatorContext ctx, Matrix input) {
    NDArray array = ctx.getNDManager().create(input.data(), new Shape(input.rows(), input.cols()));
    return new NDList(array);
  }

  @Override
  public Matrix processOutput(TranslatorContext ctx, NDList list) {
    NDArray out = list.get(0);
    if (out.getDataType() != DataType.FLOAT32) {
      out = out.toType(DataType.FLOAT32, false);
    }
    Shape shape = out.getShape();
    int rows = shape.dimension() == 0 ? 1 : (int) shape.get(0);
    int cols = rows == 0 ? 0 : (int) (shape.size() / rows);
    return new Matrix(out.toFloatArray(), rows, cols);
  }
}
