package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: accuracy and mean latency of an artifact, with optional acceptance checks. */
@Command(
    name = "evaluate",
    description =
        "Accuracy and mean single-row latency of a model on a labelled CSV (held-out test split by"
            + " default). Exits 3 below --min-accuracy or when the drop against --parent exceeds"
            + " --max-drop.")
final class EvaluateCommand implements Callable<Integer> {

  @Option(names = "--model", required = true, description = ".pt, DJL directory or .ewz")
  Path model;

  @Option(names = "--format", description = "TorchScript, DJL or Compressed (default: guessed)")
  String format;

  @Option(names = "--data", required = true, description = "labelled CSV")
  Path data;

  @Option(names = "--split", defaultValue = "test", description = "test (default), train or all")
  String split;

  @Option(names = "--features", defaultValue = "64", description = "input width")
  int features;

  @Option(names = "--min-accuracy", description = "refuse below this accuracy (0..1)")
  Double minAccuracy;

  @Option(names = "--parent", description = "parent model to compare against")
  Path parent;

  @Option(names = "--max-drop", description = "refuse when accuracy drops more than this (0..1)")
  Double maxDrop;

  @Override
  public Integer call() throws Exception {
    if (maxDrop != null && parent == null) {
      throw new IllegalArgumentException("--max-drop needs --parent");
    }
    ModelOptions.engine();
    DigitsData rows = ModelOptions.data(data, split);
    ModelLoader loader = new ModelLoader(features);
    Map<String, Object> report = new LinkedHashMap<>();
    Evaluator.Evaluation eval;
    try (LoadedModel m = ModelOptions.load(loader, model, format)) {
      eval = Evaluator.evaluate(m, rows);
      report.put("model", model.toString());
      report.put("digest", m.digest());
      report.put("bytes", m.bytes());
    }
    report.put("rows", eval.rows());
    report.put("accuracy", eval.accuracy());
    report.put("meanLatencyMs", eval.meanLatencyMs());
    String refusal = null;
    if (parent != null) {
      try (LoadedModel p = ModelOptions.load(loader, parent, null)) {
        Evaluator.Evaluation pe = Evaluator.evaluate(p, rows);
        double drop = pe.accuracy() - eval.accuracy();
        report.put("parentAccuracy", pe.accuracy());
        report.put("drop", drop);
        if (maxDrop != null && drop > maxDrop) {
          refusal = String.format("accuracy drop %.4f exceeds --max-drop %.4f", drop, maxDrop);
        }
      }
    }
    if (minAccuracy != null && eval.accuracy() < minAccuracy) {
      refusal =
          String.format("accuracy %.4f is below --min-accuracy %.4f", eval.accuracy(), minAccuracy);
    }
    report.put("accepted", refusal == null);
    Output.print(report);
    if (refusal != null) {
      throw new Tools.RefusedException(refusal);
    }
    return Tools.OK;
  }
}
