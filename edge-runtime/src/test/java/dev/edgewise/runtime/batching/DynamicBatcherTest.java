package dev.edgewise.runtime.batching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.model.Matrix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batcher with a fake forward pass: row ownership, batch limits, backpressure, failures. */
class DynamicBatcherTest {

  /** Output row = (sum of the row, first value * 2): lets each caller check it got its own rows. */
  /** A forward pass over the stacked rows of a batch. */
  @FunctionalInterface
  interface StackedPass {
    Matrix run(Matrix stacked) throws Exception;
  }

  /** The pass over each batch: stacks its requests, runs {@code pass}, hands back their rows. */
  private static ForwardPass<Matrix, Matrix> stacked(StackedPass pass) {
    return inputs -> {
      Matrix out = pass.run(Matrix.stack(inputs));
      List<Matrix> parts = new ArrayList<>();
      int offset = 0;
      for (Matrix in : inputs) {
        parts.add(out.rows(offset, in.rows()));
        offset += in.rows();
      }
      return new ForwardPass.Split<>(parts, "v1");
    };
  }

  private static Matrix fake(Matrix in) {
    float[] out = new float[in.rows() * 2];
    for (int r = 0; r < in.rows(); r++) {
      float sum = 0;
      for (int c = 0; c < in.cols(); c++) {
        sum += in.data()[r * in.cols() + c];
      }
      out[r * 2] = sum;
      out[r * 2 + 1] = in.data()[r * in.cols()] * 2;
    }
    return new Matrix(out, in.rows(), 2);
  }

  private static Matrix rowsFor(int client, int request, int rows) {
    float[] data = new float[rows * 4];
    for (int r = 0; r < rows; r++) {
      data[r * 4] = client * 1000 + request * 10 + r;
      data[r * 4 + 1] = 1;
    }
    return new Matrix(data, rows, 4);
  }

  @Test
  void concurrentClientsWithMixedBatchSizesEachGetExactlyTheirOwnRows() throws Exception {
    List<Integer> batchRows = new CopyOnWriteArrayList<>();
    List<Integer> batchRequests = new CopyOnWriteArrayList<>();
    BatchListener listener =
        new BatchListener() {
          @Override
          public void batchRan(int requests, int rows, long nanos) {
            batchRequests.add(requests);
            batchRows.add(rows);
          }
        };
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            16,
            Duration.ofMillis(2),
            1024,
            stacked(DynamicBatcherTest::fake),
            listener,
            () -> {})) {
      List<Future<Integer>> done = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        int client = c;
        done.add(
            clients.submit(
                () -> {
                  int checked = 0;
                  for (int q = 0; q < 60; q++) {
                    int rows = 1 + (client + q) % 5;
                    Matrix in = rowsFor(client, q, rows);
                    DynamicBatcher.Result<Matrix> res =
                        batcher.submit(in).get(30, TimeUnit.SECONDS);
                    assertThat(res.output().rows()).isEqualTo(rows);
                    for (int r = 0; r < rows; r++) {
                      float first = client * 1000 + q * 10 + r;
                      assertThat(res.output().data()[r * 2]).isEqualTo(first + 1);
                      assertThat(res.output().data()[r * 2 + 1]).isEqualTo(first * 2);
                      checked++;
                    }
                  }
                  return checked;
                }));
      }
      int total = 0;
      for (Future<Integer> f : done) {
        total += f.get(60, TimeUnit.SECONDS);
      }
      assertThat(total).isGreaterThan(0);
    } finally {
      clients.shutdownNow();
    }
    assertThat(batchRows).allMatch(rows -> rows <= 16);
    assertThat(batchRequests.stream().mapToInt(Integer::intValue).sum()).isEqualTo(8 * 60);
  }

  @Test
  void requestsThatArriveDuringAForwardPassRunTogetherInTheNextBatch() throws Exception {
    CountDownLatch firstBatchStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> batchRequests = new CopyOnWriteArrayList<>();
    StackedPass blocking =
        in -> {
          firstBatchStarted.countDown();
          release.await();
          return fake(in);
        };
    BatchListener listener =
        new BatchListener() {
          @Override
          public void batchRan(int requests, int rows, long nanos) {
            batchRequests.add(requests);
          }
        };
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(8, Duration.ZERO, 100, stacked(blocking), listener, () -> {})) {
      CompletableFuture<DynamicBatcher.Result<Matrix>> first = batcher.submit(rowsFor(0, 0, 1));
      firstBatchStarted.await();
      List<CompletableFuture<DynamicBatcher.Result<Matrix>>> waiting = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        waiting.add(batcher.submit(rowsFor(i, 0, 1)));
      }
      release.countDown();
      first.get(10, TimeUnit.SECONDS);
      for (CompletableFuture<DynamicBatcher.Result<Matrix>> f : waiting) {
        f.get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(batchRequests).containsExactly(1, 5);
  }

  @Test
  void requestLargerThanTheBatchLimitRunsAloneAndBatchesNeverExceedTheLimit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    List<Integer> batchRows = new CopyOnWriteArrayList<>();
    StackedPass blocking =
        in -> {
          release.await();
          return fake(in);
        };
    BatchListener listener =
        new BatchListener() {
          @Override
          public void batchRan(int requests, int rows, long nanos) {
            batchRows.add(rows);
          }
        };
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(4, Duration.ZERO, 100, stacked(blocking), listener, () -> {})) {
      List<CompletableFuture<DynamicBatcher.Result<Matrix>>> all = new ArrayList<>();
      all.add(batcher.submit(rowsFor(0, 0, 1)));
      all.add(batcher.submit(rowsFor(1, 0, 3)));
      all.add(batcher.submit(rowsFor(2, 0, 10)));
      all.add(batcher.submit(rowsFor(3, 0, 2)));
      all.add(batcher.submit(rowsFor(4, 0, 2)));
      release.countDown();
      for (CompletableFuture<DynamicBatcher.Result<Matrix>> f : all) {
        f.get(10, TimeUnit.SECONDS);
      }
      assertThat(all.get(2).get().output().rows()).isEqualTo(10);
    }
    assertThat(batchRows.stream().mapToInt(Integer::intValue).sum()).isEqualTo(18);
    assertThat(batchRows).contains(10);
    assertThat(batchRows.stream().filter(r -> r != 10)).allMatch(r -> r <= 4);
  }

  @Test
  void fullQueueIsRefusedWithoutBlocking() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StackedPass blocking =
        in -> {
          started.countDown();
          release.await();
          return fake(in);
        };
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            1, Duration.ZERO, 2, stacked(blocking), BatchListener.NONE, () -> {})) {
      CompletableFuture<DynamicBatcher.Result<Matrix>> running = batcher.submit(rowsFor(0, 0, 1));
      started.await();
      batcher.submit(rowsFor(1, 0, 1));
      batcher.submit(rowsFor(2, 0, 1));
      assertThat(batcher.queueDepth()).isEqualTo(2);
      assertThatThrownBy(() -> batcher.submit(rowsFor(3, 0, 1)))
          .isInstanceOf(QueueFullException.class)
          .hasMessageContaining("queue is full");
      release.countDown();
      assertThat(running.get(10, TimeUnit.SECONDS).output().rows()).isEqualTo(1);
    }
  }

  @Test
  void requestsGatheredIntoABatchThatHasNotRunStillCountAgainstTheCapacity() throws Exception {
    // A long delay and a large row limit: the batcher gathers both requests and keeps waiting.
    DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            100,
            Duration.ofMinutes(10),
            2,
            stacked(DynamicBatcherTest::fake),
            BatchListener.NONE,
            () -> {});
    CompletableFuture<DynamicBatcher.Result<Matrix>> a = batcher.submit(rowsFor(0, 0, 1));
    CompletableFuture<DynamicBatcher.Result<Matrix>> b = batcher.submit(rowsFor(1, 0, 2));
    assertThat(batcher.queueDepth()).isEqualTo(2);
    assertThatThrownBy(() -> batcher.submit(rowsFor(2, 0, 1)))
        .isInstanceOf(QueueFullException.class);
    // close() runs the gathered batch without waiting out the delay.
    batcher.close();
    assertThat(a.get(10, TimeUnit.SECONDS).output().data()[1]).isEqualTo(0f);
    assertThat(b.get(10, TimeUnit.SECONDS).output().data())
        .containsExactly(1001f, 2000f, 1002f, 2002f);
    assertThat(batcher.queueDepth()).isZero();
  }

  @Test
  void failedForwardPassFailsEveryRequestOfTheBatchAndTheBatcherKeepsWorking() throws Exception {
    List<Integer> calls = new CopyOnWriteArrayList<>();
    StackedPass flaky =
        in -> {
          calls.add(in.rows());
          if (calls.size() == 1) {
            throw new IllegalStateException("boom");
          }
          return fake(in);
        };
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(4, Duration.ZERO, 10, stacked(flaky), BatchListener.NONE, () -> {})) {
      CompletableFuture<DynamicBatcher.Result<Matrix>> bad = batcher.submit(rowsFor(0, 0, 1));
      assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasRootCauseMessage("boom");
      assertThat(batcher.submit(rowsFor(1, 0, 2)).get(10, TimeUnit.SECONDS).output().rows())
          .isEqualTo(2);
    }
  }

  @Test
  void closeFinishesQueuedWorkThenRefusesNewWork() throws Exception {
    DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            4, Duration.ZERO, 10, stacked(DynamicBatcherTest::fake), BatchListener.NONE, () -> {});
    CompletableFuture<DynamicBatcher.Result<Matrix>> queued = batcher.submit(rowsFor(0, 0, 3));
    batcher.close();
    assertThat(queued.get(10, TimeUnit.SECONDS).output().rows()).isEqualTo(3);
    assertThatThrownBy(() -> batcher.submit(rowsFor(0, 1, 1)))
        .isInstanceOf(BatcherClosedException.class);
  }

  @Test
  void gatheringBatchRunsOnceItsRowsAreInWithoutWaitingOutTheDelay() throws Exception {
    // A ten-minute delay: only the rows that fill the batch (or close) can start it; the futures
    // are awaited for far less than the delay.
    List<Integer> batchRows = new CopyOnWriteArrayList<>();
    BatchListener listener =
        new BatchListener() {
          @Override
          public void batchRan(int requests, int rows, long nanos) {
            batchRows.add(rows);
          }
        };
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            8,
            Duration.ofMinutes(10),
            100,
            stacked(DynamicBatcherTest::fake),
            listener,
            () -> {})) {
      List<CompletableFuture<DynamicBatcher.Result<Matrix>>> first = new ArrayList<>();
      first.add(batcher.submit(rowsFor(0, 0, 3)));
      first.add(batcher.submit(rowsFor(1, 0, 0)));
      first.add(batcher.submit(rowsFor(2, 0, 4)));
      first.add(batcher.submit(rowsFor(3, 0, 1)));
      for (CompletableFuture<DynamicBatcher.Result<Matrix>> f : first) {
        f.get(60, TimeUnit.SECONDS);
      }
      assertThat(first.get(1).get().output().rows()).isZero();
      // A request that does not fit in what is left also starts the gathered batch, and then runs
      // in the next one (which it fills alone).
      CompletableFuture<DynamicBatcher.Result<Matrix>> a = batcher.submit(rowsFor(4, 0, 5));
      CompletableFuture<DynamicBatcher.Result<Matrix>> b = batcher.submit(rowsFor(5, 0, 8));
      assertThat(a.get(60, TimeUnit.SECONDS).output().rows()).isEqualTo(5);
      assertThat(b.get(60, TimeUnit.SECONDS).output().rows()).isEqualTo(8);
    }
    assertThat(batchRows).containsExactly(8, 5, 8);
  }

  @Test
  void requestsOfOtherShapesRunInTheirOwnBatchesAndEachGetsItsOwnRows() throws Exception {
    List<String> batches = new CopyOnWriteArrayList<>();
    ForwardPass<Matrix, Matrix> byWidth =
        inputs -> {
          Matrix stacked = Matrix.stack(inputs);
          batches.add(inputs.size() + "x" + stacked.cols());
          List<Matrix> parts = new ArrayList<>();
          int offset = 0;
          for (Matrix in : inputs) {
            parts.add(stacked.rows(offset, in.rows()));
            offset += in.rows();
          }
          return new ForwardPass.Split<>(parts, "v1");
        };
    // A ten-minute delay: a batch ends only when a request of another width arrives (or on
    // close), so the batches follow the order of arrival, whatever the timing.
    int[] widths = {4, 4, 4, 3, 3, 4};
    List<Matrix> sent = new ArrayList<>();
    List<CompletableFuture<DynamicBatcher.Result<Matrix>>> answers = new ArrayList<>();
    try (DynamicBatcher<Matrix, Matrix> batcher =
        new DynamicBatcher<>(
            64, Duration.ofMinutes(10), 100, byWidth, BatchListener.NONE, () -> {})) {
      for (int i = 0; i < widths.length; i++) {
        float[] data = new float[2 * widths[i]];
        for (int v = 0; v < data.length; v++) {
          data[v] = i * 100 + v;
        }
        Matrix m = new Matrix(data, 2, widths[i]);
        sent.add(m);
        answers.add(batcher.submit(m));
      }
      for (int i = 0; i < 5; i++) {
        answers.get(i).get(60, TimeUnit.SECONDS);
      }
    }
    for (int i = 0; i < answers.size(); i++) {
      Matrix out = answers.get(i).get(10, TimeUnit.SECONDS).output();
      assertThat(out.cols()).isEqualTo(widths[i]);
      assertThat(out.data()).containsExactly(sent.get(i).data());
    }
    assertThat(batches).containsExactly("3x4", "2x3", "1x4");
  }
}
