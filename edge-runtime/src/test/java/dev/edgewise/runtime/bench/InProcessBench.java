package dev.edgewise.runtime.bench;

import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import dev.edgewise.runtime.tools.DigitsData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark helper (not a test): the in-process DJL predictor's rows/s at a given batch size, and
 * wrk Lua scripts with OIP request bodies of real digits rows. Run by {@code
 * bench/bench-runtime.sh}.
 *
 * <pre>
 * InProcessBench predictor MODEL SECONDS BATCH...   prints "batch=N rows_per_s=X"
 * InProcessBench lua DIGITS_CSV OUT_DIR ROWS...     writes OUT_DIR/infer-ROWS.lua (and the
 *                                                   JSON body alone in infer-ROWS.json)
 * </pre>
 */
public final class InProcessBench {

  private InProcessBench() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "predictor" -> predictor(Path.of(args[1]), Double.parseDouble(args[2]), args);
      case "lua" -> lua(Path.of(args[1]), Path.of(args[2]), args);
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  private static void predictor(Path model, double seconds, String[] args) throws Exception {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
    DigitsData data = DigitsData.read(Path.of("demo/digits.csv"));
    ModelSource source =
        new ModelSource("digits", "1", model, ModelFormat.guess(model), Optional.empty());
    try (LoadedModel m = new ModelLoader(64).load(source)) {
      for (int i = 3; i < args.length; i++) {
        int batch = Integer.parseInt(args[i]);
        Matrix[] inputs = new Matrix[64];
        for (int k = 0; k < inputs.length; k++) {
          inputs[k] = data.features().rows((k * batch) % (data.size() - batch), batch);
        }
        run(m, inputs, 5.0); // warm-up
        double rowsPerSecond = run(m, inputs, seconds);
        System.out.printf(Locale.ROOT, "batch=%d rows_per_s=%.0f%n", batch, rowsPerSecond);
      }
    }
  }

  private static double run(LoadedModel m, Matrix[] inputs, double seconds) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long start = System.nanoTime();
    long rows = 0;
    int k = 0;
    while (System.nanoTime() < end) {
      Matrix in = inputs[k++ & 63];
      m.forward(in);
      rows += in.rows();
    }
    return rows / ((System.nanoTime() - start) / 1e9);
  }

  /** A wrk script sending {@code m} with the binary tensor data extension. */
  private static String binaryLua(Matrix m) {
    String header =
        "{\"inputs\":[{\"name\":\"input\",\"shape\":["
            + m.rows()
            + ",64],\"datatype\":\"FP32\",\"parameters\":{\"binary_data_size\":"
            + m.data().length * 4
            + "}}]}";
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(m.data().length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (float f : m.data()) {
      b.putFloat(f);
    }
    StringBuilder body = new StringBuilder(header.replace("\"", "\\\""));
    for (byte x : b.array()) {
      body.append('\\').append(String.format(Locale.ROOT, "%03d", x & 0xff));
    }
    return "wrk.method = \"POST\"\n"
        + "wrk.headers[\"Content-Type\"] = \"application/octet-stream\"\n"
        + "wrk.headers[\"Inference-Header-Content-Length\"] = \""
        + header.length()
        + "\"\n"
        + "wrk.body = \""
        + body
        + "\"\n";
  }

  private static void lua(Path csv, Path outDir, String[] args) throws Exception {
    DigitsData data = DigitsData.read(csv);
    Files.createDirectories(outDir);
    for (int i = 3; i < args.length; i++) {
      int rows = Integer.parseInt(args[i]);
      Matrix m = data.features().rows(0, rows);
      StringBuilder body = new StringBuilder();
      body.append("{\"inputs\":[{\"name\":\"input\",\"shape\":[")
          .append(rows)
          .append(",64],\"datatype\":\"FP32\",\"data\":[");
      for (int v = 0; v < m.data().length; v++) {
        body.append(v > 0 ? "," : "").append(m.data()[v]);
      }
      body.append("]}]}");
      String lua =
          "wrk.method = \"POST\"\n"
              + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
              + "wrk.body = '"
              + body
              + "'\n";
      Files.writeString(outDir.resolve("infer-" + rows + ".lua"), lua);
      Files.writeString(outDir.resolve("infer-" + rows + ".json"), body);
      Files.writeString(outDir.resolve("infer-bin" + rows + ".lua"), binaryLua(m));
    }
  }
}
