package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.compress.CompressionMethod;
import dev.edgewise.runtime.compress.CompressionReport;
import dev.edgewise.runtime.compress.Compressor;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code compress}: writes a compressed artifact plus a JSON manifest with sizes and accuracy. */
@Command(
    name = "compress",
    description =
        "Compress a TorchScript or DJL model (Int8, Float16, Prune, PruneInt8) into <out>/model.ewz"
            + " and write <out>/manifest.json. Exits 3 (and removes the artifact) when the accuracy"
            + " drop exceeds --max-drop.")
final class CompressCommand implements Callable<Integer> {

  @Option(
      names = "--in",
      required = true,
      description = ".pt file or DJL model directory (a path or a file:// URI)")
  String in;

  @Option(names = "--format", description = "TorchScript or DJL (default: guessed)")
  String format;

  @Option(names = "--method", required = true, description = "Int8, Float16, Prune or PruneInt8")
  String method;

  @Option(names = "--sparsity", defaultValue = "0.5", description = "fraction pruned (Prune*)")
  double sparsity;

  @Option(
      names = "--eval-data",
      required = true,
      description = "labelled CSV (a path or a file:// URI)")
  String evalData;

  @Option(
      names = "--termination-log",
      description =
          "also write the manifest here, e.g. /dev/termination-log, where Kubernetes shows it in"
              + " the pod's status (the operator reads it from there)")
  Path terminationLog;

  @Option(names = "--features", defaultValue = "64", description = "input width")
  int features;

  @Option(names = "--max-drop", description = "refuse when accuracy drops more than this (0..1)")
  Double maxDrop;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Override
  public Integer call() throws Exception {
    long start = System.nanoTime();
    CompressionMethod m = CompressionMethod.parse(method);
    ModelSource parent = ModelOptions.source(ModelOptions.localPath(in), format);
    if (parent.format() == ModelFormat.Compressed) {
      throw new IllegalArgumentException("--in is already compressed: " + in);
    }
    ModelOptions.engine();
    DigitsData rows = ModelOptions.data(ModelOptions.localPath(evalData), "test");
    ModelLoader loader = new ModelLoader(features);
    Compressor.Written written = new Compressor(loader).compress(parent, m, sparsity, out);
    double before;
    double after;
    try (LoadedModel p = loader.load(parent)) {
      before = Evaluator.evaluate(p, rows).accuracy();
    }
    try (LoadedModel c =
        loader.load(
            new ModelSource(
                "model", "1", written.artifact(), ModelFormat.Compressed, Optional.empty()))) {
      after = Evaluator.evaluate(c, rows).accuracy();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    boolean accepted = maxDrop == null || before - after <= maxDrop;
    CompressionReport report =
        CompressionReport.of(
            m, m.prunes() ? sparsity : 0, written, before, after, seconds, accepted);
    Output.write(out.resolve("manifest.json"), report);
    if (terminationLog != null) {
      Output.write(terminationLog, report);
    }
    Output.print(report);
    if (!accepted) {
      Files.deleteIfExists(written.artifact());
      throw new Tools.RefusedException(
          String.format(
              "accuracy drop %.4f exceeds --max-drop %.4f; artifact removed",
              before - after, maxDrop));
    }
    return Tools.OK;
  }
}
