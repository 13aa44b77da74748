package dev.edgewise.runtime.tools;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.edgewise.runtime.model.MlpArchitecture;
import dev.edgewise.runtime.model.ModelLoader;
import java.nio.file.Files;
import java.nio.file.Path;

/** Trains an MLP on a labelled data set with DJL (Adam, softmax cross-entropy) and saves it. */
public final class DemoTrainer {

  private DemoTrainer() {}

  /**
   * Training settings.
   *
   * @param epochs passes over the training rows
   * @param batchSize rows per step
   * @param learningRate Adam's learning rate
   * @param seed engine seed (initialization and shuffling)
   */
  public record Settings(int epochs, int batchSize, float learningRate, int seed) {}

  /**
   * Trains {@code arch} on {@code train} and saves it as a DJL model directory {@code dir} ({@code
   * <prefix>-0000.params} and {@code edgewise-model.json}).
   */
  public static void trainAndSave(
      MlpArchitecture arch, DigitsData train, Settings settings, Path dir) throws Exception {
    Engine.getEngine(ModelLoader.ENGINE).setRandomSeed(settings.seed());
    Files.createDirectories(dir);
    try (Model model = Model.newInstance(arch.prefix(), ModelLoader.ENGINE);
        NDManager manager = NDManager.newBaseManager(ModelLoader.ENGINE)) {
      model.setBlock(arch.toBlock());
      NDArray x =
          manager.create(
              train.features().data(), new Shape(train.features().rows(), train.features().cols()));
      float[] y = new float[train.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = train.labels()[i];
      }
      ArrayDataset data =
          new ArrayDataset.Builder()
              .setData(x)
              .optLabels(manager.create(y))
              .setSampling(settings.batchSize(), true)
              .build();
      DefaultTrainingConfig config =
          new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
              .optOptimizer(
                  Optimizer.adam()
                      .optLearningRateTracker(Tracker.fixed(settings.learningRate()))
                      .build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(new Shape(1, arch.inputs()));
        EasyTrain.fit(trainer, settings.epochs(), data, null);
      }
      model.setProperty("Epoch", "0");
      model.save(dir, arch.prefix());
      arch.write(dir);
    }
  }
}
