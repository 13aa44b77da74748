package dev.edgewise.runtime.model;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.time.Duration;
import java.util.List;

/**
 * One model version in memory, ready to run forward passes. Forward passes are serialized: the
 * batcher is the only caller on the serving path.
 */
public final class LoadedModel implements AutoCloseable {

  private final ModelSource source;
  private final String digest;
  private final long bytes;
  private final Duration loadTime;
  private final int inputFeatures;
  private final int outputFeatures;
  private final Model model;
  private final Predictor<Matrix, Matrix> predictor;
  private final Predictor<BatchRows, BatchRowsTranslator.Split> batchPredictor;
  private final BatchRows batchRows = new BatchRows();
  private final Signature signature;
  private final Predictor<List<Tensor>, List<Tensor>> tensorPredictor;
  private final TensorBatch tensorBatch = new TensorBatch();

  LoadedModel(
      ModelSource source,
      String digest,
      long bytes,
      Duration loadTime,
      int inputFeatures,
      int outputFeatures,
      Model model,
      Predictor<Matrix, Matrix> predictor,
      Predictor<List<Tensor>, List<Tensor>> tensorPredictor,
      Signature signature) {
    this.source = source;
    this.digest = digest;
    this.bytes = bytes;
    this.loadTime = loadTime;
    this.inputFeatures = inputFeatures;
    this.outputFeatures = outputFeatures;
    this.model = model;
    this.predictor = predictor;
    this.batchPredictor = model.newPredictor(new BatchRowsTranslator());
    this.tensorPredictor = tensorPredictor;
    this.signature = signature;
  }

  /**
   * Runs one forward pass over the inputs of several requests that share a batch key (or one
   * request alone), stacked along dimension 0, and returns each request's own outputs, one tensor
   * per signature output in signature order. The serving path: tensors keep their datatypes.
   *
   * @throws IllegalStateException when the model does not return the declared outputs, or returns a
   *     different number of rows than it got
   */
  public synchronized List<List<Tensor>> run(List<ModelInput> inputs) throws TranslateException {
    List<Tensor> stacked =
        inputs.size() == 1
            ? tensorBatch.direct(inputs.get(0).tensors())
            : tensorBatch.stack(inputs);
    List<Tensor> raw = tensorPredictor.predict(stacked);
    return TensorBatch.split(inputs, OutputMapping.declared(signature, raw));
  }

  /** The model's inputs and outputs. */
  public Signature signature() {
    return signature;
  }

  /** Runs one forward pass over all rows of {@code input}. */
  public synchronized Matrix forward(Matrix input) throws TranslateException {
    checkFeatures(input.cols());
    return predictor.predict(input);
  }

  /**
   * Runs one forward pass over the rows of {@code inputs} stacked in order and returns each input's
   * own output rows: the batcher's path. The rows go through one direct buffer reused across
   * forward passes, and each input's output is copied once, straight from the output tensor.
   *
   * @throws IllegalStateException when the model returns a different number of rows
   */
  public synchronized Matrix[] forwardEach(List<Matrix> inputs) throws TranslateException {
    batchRows.fill(inputs);
    checkFeatures(batchRows.cols());
    BatchRowsTranslator.Split out = batchPredictor.predict(batchRows);
    if (out.parts() == null) {
      throw new IllegalStateException(
          "model returned " + out.outputRows() + " rows for " + batchRows.rows() + " input rows");
    }
    return out.parts();
  }

  private void checkFeatures(int cols) {
    if (cols != inputFeatures) {
      throw new IllegalArgumentException(
          "model " + source.name() + " takes " + inputFeatures + " features, got " + cols);
    }
  }

  /** Where this version came from. */
  public ModelSource source() {
    return source;
  }

  /** The model version. */
  public String version() {
    return source.version();
  }

  /** SHA-256 of the artifact as loaded. */
  public String digest() {
    return digest;
  }

  /** Size of the artifact on disk. */
  public long bytes() {
    return bytes;
  }

  /** How long loading (including the probe forward pass) took. */
  public Duration loadTime() {
    return loadTime;
  }

  /** Width of one input row of a {@code [-1, F]} model (the tools' matrices), else -1. */
  public int inputFeatures() {
    return inputFeatures;
  }

  /** Width of one output row of a {@code [-1, F]} model's first output, else -1. */
  public int outputFeatures() {
    return outputFeatures;
  }

  /** The underlying DJL model, for tools that inspect parameters. */
  public Model model() {
    return model;
  }

  @Override
  public synchronized void close() {
    tensorPredictor.close();
    batchPredictor.close();
    predictor.close();
    model.close();
  }
}
