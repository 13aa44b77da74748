package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.collaboration.OffloadPolicy;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: accuracy and mean latency of an artifact, with optional acceptance checks; with
 * {@code --cloud-model}, the accuracy and offload rate of edge-cloud joint inference.
 */
@Command(
    name = "evaluate",
    description =
        "Accuracy and mean single-row latency of a model on a labelled CSV (held-out test split by"
            + " default). Exits 3 below --min-accuracy or when the drop against --parent exceeds"
            + " --max-drop. With --cloud-model and --confidence-threshold and/or"
            + " --offload-budget-percent, also reports edge-only, cloud-only and joint accuracy and"
            + " the offload rate, choosing rows with the server's own policy.")
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

  @Option(names = "--cloud-model", description = "cloud model for joint inference")
  Path cloudModel;

  @Option(names = "--cloud-format", description = "format of --cloud-model (default: guessed)")
  String cloudFormat;

  @Option(
      names = "--confidence-threshold",
      description = "joint: a row is hard below this top-class probability (0..1)")
  Double confidenceThreshold;

  @Option(
      names = "--offload-budget-percent",
      description = "joint: most rows in percent of the window sent to the cloud (0..100)")
  Integer offloadBudgetPercent;

  @Option(
      names = "--budget-window-rows",
      defaultValue = "1000",
      description = "joint: rows in the budget's sliding window")
  int budgetWindowRows;

  @Override
  public Integer call() throws Exception {
    if (maxDrop != null && parent == null) {
      throw new IllegalArgumentException("--max-drop needs --parent");
    }
    OffloadPolicy.Rule rule = jointRule();
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
    if (rule != null) {
      report.put("joint", joint(loader, rows, rule));
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

  /** The joint-inference rule, or null without {@code --cloud-model}. */
  private OffloadPolicy.Rule jointRule() {
    boolean chooser = confidenceThreshold != null || offloadBudgetPercent != null;
    if (cloudModel == null) {
      if (chooser) {
        throw new IllegalArgumentException(
            "--confidence-threshold and --offload-budget-percent need --cloud-model");
      }
      return null;
    }
    if (!chooser) {
      throw new IllegalArgumentException(
          "--cloud-model needs --confidence-threshold, --offload-budget-percent or both");
    }
    if (confidenceThreshold != null && !(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
      throw new IllegalArgumentException("--confidence-threshold must be between 0 and 1");
    }
    if (offloadBudgetPercent != null && (offloadBudgetPercent < 0 || offloadBudgetPercent > 100)) {
      throw new IllegalArgumentException("--offload-budget-percent must be between 0 and 100");
    }
    if (budgetWindowRows < 1) {
      throw new IllegalArgumentException("--budget-window-rows must be at least 1");
    }
    return new OffloadPolicy.Rule(
        confidenceThreshold == null
            ? OptionalDouble.empty()
            : OptionalDouble.of(confidenceThreshold),
        offloadBudgetPercent == null ? OptionalInt.empty() : OptionalInt.of(offloadBudgetPercent),
        budgetWindowRows);
  }

  private Map<String, Object> joint(ModelLoader loader, DigitsData rows, OffloadPolicy.Rule rule)
      throws Exception {
    Map<String, Object> j = new LinkedHashMap<>();
    try (LoadedModel edge = ModelOptions.load(loader, model, format);
        LoadedModel cloud = ModelOptions.load(loader, cloudModel, cloudFormat)) {
      Evaluator.JointEvaluation e = Evaluator.joint(edge, cloud, rows, rule);
      j.put("cloudModel", cloudModel.toString());
      j.put("confidenceThreshold", confidenceThreshold);
      j.put("offloadBudgetPercent", offloadBudgetPercent);
      j.put("edgeAccuracy", e.edgeAccuracy());
      j.put("cloudAccuracy", e.cloudAccuracy());
      j.put("jointAccuracy", e.jointAccuracy());
      j.put("offloadRate", e.offloadRate());
      j.put("overBudgetRate", e.overBudgetRate());
    }
    return j;
  }
}
