package dev.edgewise.runtime.bench;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import dev.edgewise.runtime.batching.BatchListener;
import dev.edgewise.runtime.batching.DynamicBatcher;
import dev.edgewise.runtime.batching.ForwardPass;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import dev.edgewise.runtime.tools.DigitsData;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark helper (not a test): where a batched forward pass spends its time outside the model.
 * {@code ForwardCost MODEL SECONDS REQUESTS_PER_BATCH ROWS_PER_REQUEST CLIENTS}.
 */
public final class ForwardCost {

  private ForwardCost() {}

  interface Step {
    void run() throws Exception;
  }

  static double nsPer(String label, double seconds, Step step) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < end) {
      step.run();
    }
    end = System.nanoTime() + (long) (seconds * 1e9);
    long n = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < end) {
      step.run();
      n++;
    }
    double ns = (System.nanoTime() - t0) / (double) n;
    System.out.printf(Locale.ROOT, "%-48s %9.0f ns%n", label, ns);
    return ns;
  }

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path modelPath = Path.of(args[0]);
    double secs = Double.parseDouble(args[1]);
    int perBatch = Integer.parseInt(args[2]);
    int rowsPer = Integer.parseInt(args[3]);
    int clients = Integer.parseInt(args[4]);
    EngineSetup.configure(Optional.empty(), Optional.of(1));
    DigitsData data = DigitsData.read(Path.of("demo/digits.csv"));
    ModelSource source =
        new ModelSource("digits", "1", modelPath, ModelFormat.guess(modelPath), Optional.empty());
    try (LoadedModel m = new ModelLoader(64).load(source)) {
      List<Matrix> parts = new ArrayList<>();
      for (int k = 0; k < perBatch; k++) {
        parts.add(data.features().rows(k * rowsPer, rowsPer));
      }
      Matrix stacked = Matrix.stack(parts);
      int rows = stacked.rows();
      System.out.printf(
          Locale.ROOT, "batch: %d requests x %d rows = %d rows%n", perBatch, rowsPer, rows);
      if (args.length > 5 && args[5].equals("ab")) {
        // Interleaved rounds, medians: the old path (stack, predictor, slice) against forwardEach.
        int rounds = 9;
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          a[r] =
              nsPer(
                  "  stack + forward + slice",
                  secs,
                  () -> {
                    Matrix o = m.forward(Matrix.stack(parts));
                    for (int k = 0; k < perBatch; k++) {
                      o.rows(k * rowsPer, rowsPer);
                    }
                  });
          b[r] = nsPer("  forwardEach", secs, () -> m.forwardEach(parts));
        }
        java.util.Arrays.sort(a);
        java.util.Arrays.sort(b);
        System.out.printf(
            Locale.ROOT,
            "median ns per batch: stack+forward+slice %.0f, forwardEach %.0f (%.1f%%)%n",
            a[rounds / 2],
            b[rounds / 2],
            100.0 * (b[rounds / 2] - a[rounds / 2]) / a[rounds / 2]);
        return;
      }
      nsPer("Matrix.stack", secs, () -> Matrix.stack(parts));
      Matrix out = m.forward(stacked);
      nsPer(
          "slice outputs (Matrix.rows per request)",
          secs,
          () -> {
            for (int k = 0; k < perBatch; k++) {
              out.rows(k * rowsPer, rowsPer);
            }
          });
      nsPer("LoadedModel.forward (predictor.predict)", secs, () -> m.forward(stacked));

      Model model = m.model();
      Block block = model.getBlock();
      NDManager base = model.getNDManager();
      nsPer(
          "sub-manager open+close",
          secs,
          () -> {
            try (NDManager mgr = base.newSubManager()) {
              mgr.getName();
            }
          });
      nsPer(
          "create(float[]) + close",
          secs,
          () -> {
            try (NDManager mgr = base.newSubManager()) {
              mgr.create(stacked.data(), new Shape(rows, 64));
            }
          });
      ByteBuffer direct = ByteBuffer.allocateDirect(rows * 64 * 4).order(ByteOrder.nativeOrder());
      nsPer(
          "create(reused direct buffer) + close",
          secs,
          () -> {
            try (NDManager mgr = base.newSubManager()) {
              direct.clear();
              direct.asFloatBuffer().put(stacked.data());
              mgr.create(direct, new Shape(rows, 64), ai.djl.ndarray.types.DataType.FLOAT32);
            }
          });
      nsPer(
          "raw: create(float[]) + block.forward + toFloatArray",
          secs,
          () -> {
            try (NDManager mgr = base.newSubManager()) {
              NDArray x = mgr.create(stacked.data(), new Shape(rows, 64));
              NDList y = block.forward(new ParameterStore(mgr, false), new NDList(x), false);
              y.get(0).toFloatArray();
            }
          });
      nsPer(
          "raw: direct + block.forward + toFloatArray",
          secs,
          () -> {
            try (NDManager mgr = base.newSubManager()) {
              direct.clear();
              direct.asFloatBuffer().put(stacked.data());
              NDArray x =
                  mgr.create(direct, new Shape(rows, 64), ai.djl.ndarray.types.DataType.FLOAT32);
              NDList y = block.forward(new ParameterStore(mgr, false), new NDList(x), false);
              y.get(0).toFloatArray();
            }
          });
      try (NDManager mgr = base.newSubManager()) {
        NDArray x = mgr.create(stacked.data(), new Shape(rows, 64));
        NDList y = block.forward(new ParameterStore(mgr, false), new NDList(x), false);
        NDArray o = y.get(0);
        nsPer("toFloatArray only", secs, o::toFloatArray);
        nsPer(
            "toByteBuffer(direct view) -> float[]",
            secs,
            () -> {
              float[] f = new float[(int) o.size()];
              o.toByteBuffer(true).asFloatBuffer().get(f);
            });
      }

      nsPer("LoadedModel.forward again", secs, () -> m.forward(stacked));
      nsPer(
          "stack + LoadedModel.forward + slice",
          secs,
          () -> {
            Matrix o = m.forward(Matrix.stack(parts));
            for (int k = 0; k < perBatch; k++) {
              o.rows(k * rowsPer, rowsPer);
            }
          });
      nsPer("LoadedModel.forwardEach (reused direct buffer)", secs, () -> m.forwardEach(parts));
      // End to end through the batcher: closed-loop clients, futures completed on the batcher.
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      AtomicLong forwards = new AtomicLong();
      AtomicLong batchRows = new AtomicLong();
      long[] batcherTid = new long[1];
      BatchListener listener =
          new BatchListener() {
            @Override
            public void batchRan(int requests, int r, long nanos) {
              forwards.incrementAndGet();
              batchRows.addAndGet(r);
              batcherTid[0] = Thread.currentThread().getId();
            }

            @Override
            public void batchFailed(int requests, Throwable error) {}
          };
      boolean each = args.length > 5 && args[5].equals("each");
      ForwardPass<Matrix, Matrix> fp =
          inputs -> {
            if (each) {
              return new ForwardPass.Split<>(java.util.Arrays.asList(m.forwardEach(inputs)), "1");
            }
            Matrix stackedOut = m.forward(Matrix.stack(inputs));
            List<Matrix> split = new ArrayList<>();
            int offset = 0;
            for (Matrix in : inputs) {
              split.add(stackedOut.rows(offset, in.rows()));
              offset += in.rows();
            }
            return new ForwardPass.Split<>(split, "1");
          };
      try (DynamicBatcher<Matrix, Matrix> batcher =
          new DynamicBatcher<>(
              perBatch * rowsPer, Duration.ofMillis(1), 1024, fp, listener, () -> {})) {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
          Matrix in = parts.get(c % perBatch);
          Thread t =
              new Thread(
                  () -> {
                    while (!stop.get()) {
                      try {
                        CompletableFuture<DynamicBatcher.Result<Matrix>> f = batcher.submit(in);
                        f.join();
                        done.addAndGet(in.rows());
                      } catch (Exception e) {
                        throw new RuntimeException(e);
                      }
                    }
                  });
          t.start();
          ts.add(t);
        }
        Thread.sleep((long) (secs * 1000));
        long f0 = forwards.get();
        long r0 = batchRows.get();
        long d0 = done.get();
        long c0 = mx.getThreadCpuTime(batcherTid[0]);
        long t0 = System.nanoTime();
        Thread.sleep((long) (secs * 1000));
        long f1 = forwards.get();
        long d1 = done.get();
        long c1 = mx.getThreadCpuTime(batcherTid[0]);
        double el = (System.nanoTime() - t0) / 1e9;
        stop.set(true);
        for (Thread t : ts) {
          t.join();
        }
        System.out.printf(
            Locale.ROOT,
            "batcher (%s), %d clients: rows/s %.0f, rows/forward %.1f, batcher CPU per forward %.0f ns,"
                + " batcher CPU %.0f%%%n",
            each ? "forwardEach" : "stack+forward",
            clients,
            (d1 - d0) / el,
            (batchRows.get() - r0) / (double) (f1 - f0),
            (c1 - c0) / (double) (f1 - f0),
            (c1 - c0) / el / 1e7);
      }
    }
  }
}
