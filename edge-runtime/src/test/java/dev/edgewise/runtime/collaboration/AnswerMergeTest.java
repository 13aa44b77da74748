package dev.edgewise.runtime.collaboration;

import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.CLOUD;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.EDGE;
import static dev.edgewise.runtime.collaboration.OffloadPolicy.Decision.OVER_BUDGET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.edgewise.runtime.collaboration.OffloadPolicy.Decision;
import dev.edgewise.runtime.model.Datatype;
import dev.edgewise.runtime.model.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The cloud's rows land on the rows that were sent, in every output, whatever its datatype and
 * rank; the rest stay the edge's; marks follow.
 */
class AnswerMergeTest {

  private static final Tensor LOGITS =
      Tensor.ofFloats("logits", new long[] {4, 2}, new float[] {0, 0, 1, 1, 2, 2, 3, 3});
  private static final Tensor IDS = longs("ids", new long[] {4, 1, 2}, 0, 0, 1, 1, 2, 2, 3, 3);
  private static final List<Tensor> EDGE_ROWS = List.of(LOGITS, IDS);
  private static final Decision[] DECISIONS = {EDGE, CLOUD, OVER_BUDGET, CLOUD};

  private static Tensor longs(String name, long[] shape, long... values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
    for (long v : values) {
      b.putLong(v);
    }
    return new Tensor(name, Datatype.INT64, shape, b.flip());
  }

  @Test
  void selectsTheSentRowsOfEveryTensorInOrder() {
    assertThat(AnswerMerge.sentRows(DECISIONS)).containsExactly(1, 3);
    List<Tensor> sent = AnswerMerge.select(EDGE_ROWS, new int[] {1, 3});
    assertThat(sent.get(0).toDoubles()).containsExactly(1, 1, 3, 3);
    assertThat(sent.get(0).shape()).containsExactly(2, 2);
    assertThat(sent.get(1).toDoubles()).containsExactly(1, 1, 3, 3);
    assertThat(sent.get(1).shape()).containsExactly(2, 1, 2);
    assertThat(sent.get(1).datatype()).isEqualTo(Datatype.INT64);
  }

  @Test
  void cloudRowsReplaceTheSentRows() {
    List<Tensor> cloud =
        List.of(
            Tensor.ofFloats("logits", new long[] {2, 2}, new float[] {10, 11, 30, 31}),
            longs("ids", new long[] {2, 1, 2}, 7, 7, 9, 9));
    JointAnswer a = AnswerMerge.merge(EDGE_ROWS, "7", DECISIONS, cloud);
    assertThat(a.outputs().get(0).toDoubles()).containsExactly(0, 0, 10, 11, 2, 2, 30, 31);
    assertThat(a.outputs().get(1).toDoubles()).containsExactly(0, 0, 7, 7, 2, 2, 9, 9);
    assertThat(a.outcomes())
        .containsExactly(
            RowOutcome.EDGE, RowOutcome.CLOUD, RowOutcome.OVER_BUDGET, RowOutcome.CLOUD);
    assertThat(a.modelVersion()).isEqualTo("7");
    assertThat(a.parameters())
        .containsEntry(JointAnswer.ANSWERED_BY, "edge,cloud,edge-over-budget,cloud")
        .containsEntry(JointAnswer.OFFLOADED_ROWS, 2);
    // The edge's tensors are not changed.
    assertThat(LOGITS.toDoubles()).containsExactly(0, 0, 1, 1, 2, 2, 3, 3);
  }

  @Test
  void noCloudAnswerKeepsTheEdgeRowsMarkedAsFallback() {
    JointAnswer a = AnswerMerge.merge(EDGE_ROWS, "7", DECISIONS, null);
    assertThat(a.outputs()).isSameAs(EDGE_ROWS);
    assertThat(a.parameters())
        .containsEntry(JointAnswer.ANSWERED_BY, "edge,edge-fallback,edge-over-budget,edge-fallback")
        .containsEntry(JointAnswer.OFFLOADED_ROWS, 0);
  }

  @Test
  void aCloudAnswerOfTheWrongShapeOrDatatypeIsRefused() {
    Tensor oneRow = Tensor.ofFloats("logits", new long[] {1, 2}, new float[] {1, 2});
    assertThatThrownBy(() -> AnswerMerge.merge(List.of(LOGITS), "7", DECISIONS, List.of(oneRow)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FP32[1, 2] for 2 rows of FP32[4, 2]");
    Tensor asLongs = longs("logits", new long[] {2, 2}, 1, 2, 3, 4);
    assertThatThrownBy(() -> AnswerMerge.merge(List.of(LOGITS), "7", DECISIONS, List.of(asLongs)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INT64");
  }

  @Test
  void edgeOnlyAnswersHaveNoParameters() {
    assertThat(JointAnswer.edgeOnly(EDGE_ROWS, "1").parameters()).isNull();
  }
}
