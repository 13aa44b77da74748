package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.MlpArchitecture;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train-demo}: trains the digits teacher and student MLPs in Java with DJL. */
@Command(
    name = "train-demo",
    description =
        "Train the digits teacher (64-512-256-10) and student (64-32-10) MLPs with DJL on the fixed"
            + " training split and save them as DJL models in <out>/teacher and <out>/student.")
final class TrainDemoCommand implements Callable<Integer> {

  @Option(names = "--data", required = true, description = "digits CSV")
  Path data;

  @Option(names = "--out", required = true, description = "output directory")
  Path out;

  @Option(names = "--teacher-epochs", defaultValue = "30")
  int teacherEpochs;

  @Option(names = "--student-epochs", defaultValue = "60")
  int studentEpochs;

  @Option(names = "--seed", defaultValue = "7")
  int seed;

  @Option(names = "--only", description = "train only 'teacher' or 'student'")
  String only;

  @Override
  public Integer call() throws Exception {
    if (only != null && !only.equals("teacher") && !only.equals("student")) {
      throw new IllegalArgumentException("--only must be teacher or student, got " + only);
    }
    ModelOptions.engine();
    DigitsData all = ModelOptions.data(data, "all");
    Map<String, Object> report = new LinkedHashMap<>();
    if (only == null || only.equals("teacher")) {
      report.put(
          "teacher",
          train(
              new MlpArchitecture(List.of(64, 512, 256, 10), "teacher"),
              all,
              teacherEpochs,
              1e-3f));
    }
    if (only == null || only.equals("student")) {
      report.put(
          "student",
          train(new MlpArchitecture(List.of(64, 32, 10), "student"), all, studentEpochs, 3e-3f));
    }
    Output.write(out.resolve("train-report.json"), report);
    Output.print(report);
    return Tools.OK;
  }

  private Map<String, Object> train(MlpArchitecture arch, DigitsData all, int epochs, float lr)
      throws Exception {
    long start = System.nanoTime();
    Path dir = out.resolve(arch.prefix());
    DemoTrainer.trainAndSave(
        arch, all.trainSplit(), new DemoTrainer.Settings(epochs, 32, lr, seed), dir);
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("path", dir.toString());
    r.put("layers", arch.describe());
    r.put("epochs", epochs);
    try (LoadedModel m =
        new ModelLoader(arch.inputs())
            .load(new ModelSource(arch.prefix(), "1", dir, ModelFormat.DJL, Optional.empty()))) {
      r.put("digest", m.digest());
      r.put("bytes", m.bytes());
      r.put("testAccuracy", Evaluator.evaluate(m, all.testSplit()).accuracy());
    }
    r.put("seconds", (System.nanoTime() - start) / 1e9);
    return r;
  }
}
