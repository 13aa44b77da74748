package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stacking and slicing rows, the batcher's arithmetic. */
class MatrixTest {

  @Test
  void stackThenSliceGivesBackEachPart() {
    Matrix a = new Matrix(new float[] {1, 2}, 1, 2);
    Matrix b = new Matrix(new float[] {3, 4, 5, 6}, 2, 2);
    Matrix s = Matrix.stack(List.of(a, b));
    assertThat(s.rows()).isEqualTo(3);
    assertThat(s.rows(1, 2).data()).containsExactly(3, 4, 5, 6);
  }

  @Test
  void rejectsInconsistentShapes() {
    assertThatThrownBy(() -> new Matrix(new float[3], 2, 2)).hasMessageContaining("needs 4");
    assertThatThrownBy(
            () ->
                Matrix.stack(
                    List.of(new Matrix(new float[2], 1, 2), new Matrix(new float[3], 1, 3))))
        .hasMessageContaining("3 columns");
  }
}
