package dev.edgewise.runtime.collaboration;

import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.CLOUD;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.EDGE;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.OVER_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.collaboration.OffloadPolicy.Decision;
import dev.edgewise.runtime.model.Matrix;
import org.junit.jupiter.api.Test;

/** The cloud's rows land on the rows that were sent; the rest stay the edge's; marks follow. */
class AnswerMergeTest {

  private static final Matrix EDGE_ROWS = new Matrix(new float[] {0, 0, 1, 1, 2, 2, 3, 3}, 4, 2);
  private static final Decision[] DECISIONS = {EDGE, CLOUD, OVER_BUDGET, CLOUD};

  @Test
  void selectsTheSentRowsInOrder() {
    assertThat(AnswerMerge.sentRows(DECISIONS)).containsExactly(1, 3);
    assertThat(AnswerMerge.select(EDGE_ROWS, new int[] {1, 3}).data()).containsExactly(1, 1, 3, 3);
  }

  @Test
  void cloudRowsReplaceTheSentRows() {
    Matrix cloud = new Matrix(new float[] {10, 11, 30, 31}, 2, 2);
    JointAnswer a = AnswerMerge.merge(EDGE_ROWS, "7", DECISIONS, cloud);
    assertThat(a.output().data()).containsExactly(0, 0, 10, 11, 2, 2, 30, 31);
    assertThat(a.outcomes())
        .containsExactly(
            RowOutcome.EDGE, RowOutcome.CLOUD, RowOutcome.OVER_BUDGET, RowOutcome.CLOUD);
    assertThat(a.modelVersion()).isEqualTo("7");
    assertThat(a.parameters())
        .containsEntry(JointAnswer.ANSWERED_BY, "edge,cloud,edge-over-budget,cloud")
        .containsEntry(JointAnswer.OFFLOADED_ROWS, 2);
    // The edge's matrix is not changed.
    assertThat(EDGE_ROWS.data()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
  }

  @Test
  void noCloudAnswerKeepsTheEdgeRowsMarkedAsFallback() {
    JointAnswer a = AnswerMerge.merge(EDGE_ROWS, "7", DECISIONS, null);
    assertThat(a.output()).isSameAs(EDGE_ROWS);
    assertThat(a.parameters())
        .containsEntry(JointAnswer.ANSWERED_BY, "edge,edge-fallback,edge-over-budget,edge-fallback")
        .containsEntry(JointAnswer.OFFLOADED_ROWS, 0);
  }

  @Test
  void aCloudAnswerOfTheWrongShapeIsRefused() {
    assertThatThrownBy(
            () ->
                AnswerMerge.merge(EDGE_ROWS, "7", DECISIONS, new Matrix(new float[] {1, 2}, 1, 2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1x2 output for 2 rows");
    assertThatThrownBy(
            () ->
                AnswerMerge.merge(
                    EDGE_ROWS, "7", DECISIONS, new Matrix(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void edgeOnlyAnswersHaveNoParameters() {
    assertThat(JointAnswer.edgeOnly(EDGE_ROWS, "1").parameters()).isNull();
  }
}
