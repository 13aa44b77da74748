package dev.edgewise.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.Matrix;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once with different batch sizes, through the dynamic batcher and the real model:
 * every client gets exactly the logits of its own rows.
 */
@QuarkusTest
class ConcurrentClientsHttpTest {

  private static final Fixtures.Parity PARITY = Fixtures.parity(Fixtures.STUDENT);

  @TestHTTPResource("/")
  URI base;

  @Test
  void eachRequestGetsExactlyItsOwnRowsBack() throws Exception {
    OipClient client = new OipClient(base);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        long seed = c;
        results.add(pool.submit(() -> runClient(client, new Random(seed))));
      }
      int rows = 0;
      for (Future<Integer> f : results) {
        rows += f.get(120, TimeUnit.SECONDS);
      }
      assertThat(rows).isGreaterThan(8 * 40);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int runClient(OipClient client, Random random) throws Exception {
    int checked = 0;
    for (int q = 0; q < 40; q++) {
      int n = 1 + random.nextInt(8);
      int[] picks = new int[n];
      float[] data = new float[n * 64];
      for (int r = 0; r < n; r++) {
        picks[r] = random.nextInt(PARITY.inputs().rows());
        System.arraycopy(PARITY.inputs().row(picks[r]), 0, data, r * 64, 64);
      }
      OipClient.Answer a = client.infer(new Matrix(data, n, 64));
      assertThat(a.status()).as(a.body()).isEqualTo(200);
      assertThat(a.logits().rows()).isEqualTo(n);
      for (int r = 0; r < n; r++) {
        float[] expected = PARITY.logits().row(picks[r]);
        float[] actual = a.logits().row(r);
        for (int k = 0; k < 10; k++) {
          assertThat(actual[k]).isCloseTo(expected[k], within(1e-4f));
        }
        checked++;
      }
    }
    return checked;
  }
}
