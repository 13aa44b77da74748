package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchRowsTest {

  /** A matrix whose every value says which request, row and column it is. */
  private static Matrix request(int id, int rows, int cols) {
    float[] data = new float[rows * cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        data[r * cols + c] = id * 10_000 + r * 100 + c;
      }
    }
    return new Matrix(data, rows, cols);
  }

  private static float[] contents(BatchRows rows) {
    FloatBuffer f = rows.buffer().duplicate().order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] out = new float[f.remaining()];
    f.get(out);
    return out;
  }

  @Test
  void holdsExactlyTheStackedRowsAcrossReusesWithMixedBatchSizes() {
    BatchRows rows = new BatchRows();
    int[][] batches = {{32, 1, 7}, {1}, {64, 64, 3, 32}, {2, 5}, {0, 3}, {128}};
    int id = 0;
    for (int[] sizes : batches) {
      List<Matrix> inputs = new ArrayList<>();
      for (int n : sizes) {
        inputs.add(request(id++, n, 64));
      }
      rows.fill(inputs);
      Matrix expected = Matrix.stack(inputs);
      assertThat(rows.rows()).isEqualTo(expected.rows());
      assertThat(rows.cols()).isEqualTo(64);
      assertThat(rows.parts()).isEqualTo(sizes.length);
      assertThat(rows.buffer().remaining()).isEqualTo(expected.data().length * Float.BYTES);
      assertThat(contents(rows)).containsExactly(expected.data());
      for (int i = 0; i < sizes.length; i++) {
        assertThat(rows.partRows(i)).isEqualTo(sizes[i]);
      }
    }
  }

  @Test
  void splitGivesEachRequestExactlyItsOwnOutputRows() {
    BatchRows rows = new BatchRows();
    int[][] batches = {{32, 1, 7}, {3}, {1, 64, 0, 2, 31}, {5, 5}};
    int id = 0;
    for (int[] sizes : batches) {
      List<Matrix> inputs = new ArrayList<>();
      List<Matrix> outputs = new ArrayList<>();
      for (int n : sizes) {
        inputs.add(request(id, n, 64));
        outputs.add(request(id, n, 10));
        id++;
      }
      rows.fill(inputs);
      Matrix stackedOut = Matrix.stack(outputs);
      ByteBuffer tensor =
          ByteBuffer.allocateDirect(stackedOut.data().length * Float.BYTES)
              .order(ByteOrder.nativeOrder());
      tensor.asFloatBuffer().put(stackedOut.data());
      Matrix[] split = rows.split(tensor.asFloatBuffer(), 10);
      assertThat(split).hasSize(sizes.length);
      for (int i = 0; i < sizes.length; i++) {
        assertThat(split[i].rows()).isEqualTo(sizes[i]);
        assertThat(split[i].cols()).isEqualTo(10);
        assertThat(split[i].data()).containsExactly(outputs.get(i).data());
      }
    }
  }

  @Test
  void refusesEmptyAndMixedWidths() {
    BatchRows rows = new BatchRows();
    assertThatThrownBy(() -> rows.fill(List.of())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rows.fill(List.of(request(0, 2, 64), request(1, 2, 63))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("63 columns onto 64");
    assertThatThrownBy(() -> rows.partRows(0)).isInstanceOf(IndexOutOfBoundsException.class);
  }
}
