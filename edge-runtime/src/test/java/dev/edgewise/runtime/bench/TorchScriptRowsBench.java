package dev.edgewise.runtime.bench;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark helper (not a test): in-process DJL rows/s of TorchScript models of any input shape
 * (e.g. FP32 and int8 MobileNetV3-small at 3x224x224), one intra-op thread as the edge runtime, the
 * models alternated round by round so both see the same machine load; prints each round and the
 * medians.
 *
 * <pre>
 * TorchScriptRowsBench SHAPE BATCH SECONDS ROUNDS MODEL...   SHAPE like 3x224x224
 * </pre>
 */
public final class TorchScriptRowsBench {

  private TorchScriptRowsBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    long[] row = Arrays.stream(args[0].split("x")).mapToLong(Long::parseLong).toArray();
    int batch = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int rounds = Integer.parseInt(args[3]);
    EngineSetup.configure(Optional.empty(), Optional.of(1));
    long[] dims = new long[row.length + 1];
    dims[0] = batch;
    System.arraycopy(row, 0, dims, 1, row.length);
    List<ZooModel<NDList, NDList>> models = new ArrayList<>();
    List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
    List<List<Double>> results = new ArrayList<>();
    try (NDManager manager = NDManager.newBaseManager(ModelLoader.ENGINE)) {
      NDArray x = manager.randomUniform(0f, 1f, new Shape(dims));
      for (int i = 4; i < args.length; i++) {
        ZooModel<NDList, NDList> model =
            Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(Path.of(args[i]).toAbsolutePath())
                .optEngine(ModelLoader.ENGINE)
                .optTranslator(new NoopTranslator())
                .build()
                .loadModel();
        models.add(model);
        predictors.add(model.newPredictor());
        results.add(new ArrayList<>());
        run(predictors.get(predictors.size() - 1), x, 2.0); // warm-up
      }
      for (int r = 0; r < rounds; r++) {
        for (int m = 0; m < predictors.size(); m++) {
          double rowsPerSecond = run(predictors.get(m), x, seconds) * batch;
          results.get(m).add(rowsPerSecond);
          System.out.printf(
              Locale.ROOT, "round=%d model=%s rows_per_s=%.1f%n", r, args[4 + m], rowsPerSecond);
        }
      }
      for (int m = 0; m < predictors.size(); m++) {
        List<Double> sorted = new ArrayList<>(results.get(m));
        sorted.sort(Double::compare);
        System.out.printf(
            Locale.ROOT,
            "median model=%s batch=%d rows_per_s=%.1f%n",
            args[4 + m],
            batch,
            sorted.get(sorted.size() / 2));
      }
    } finally {
      predictors.forEach(Predictor::close);
      models.forEach(ZooModel::close);
    }
  }

  /** Forward passes per second of one predictor on {@code x} for {@code seconds}. */
  private static double run(Predictor<NDList, NDList> predictor, NDArray x, double seconds)
      throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    int n = 0;
    while (System.nanoTime() < end) {
      predictor.predict(new NDList(x)).close();
      n++;
    }
    return n / ((System.nanoTime() - start) / 1e9);
  }
}
