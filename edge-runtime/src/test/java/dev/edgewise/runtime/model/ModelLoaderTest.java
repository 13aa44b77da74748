package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.Fixtures;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the real TorchScript fixtures with DJL and checks them against PyTorch's own logits. */
class ModelLoaderTest {

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  private static ModelSource source(Path path, Optional<String> sha) {
    return new ModelSource("digits", "1", path, ModelFormat.TorchScript, sha);
  }

  @Test
  void studentMatchesPyTorchLogitsWithin1e4() throws Exception {
    assertParity(Fixtures.STUDENT);
  }

  @Test
  void cnnMatchesPyTorchLogitsWithin1e4() throws Exception {
    assertParity(Fixtures.CNN);
  }

  private static void assertParity(Path model) throws Exception {
    Fixtures.Parity parity = Fixtures.parity(model);
    try (LoadedModel loaded = new ModelLoader(64).load(source(model, Optional.empty()))) {
      Matrix out = loaded.forward(parity.inputs());
      assertThat(out.rows()).isEqualTo(parity.logits().rows());
      assertThat(out.cols()).isEqualTo(10);
      for (int i = 0; i < out.data().length; i++) {
        assertThat(out.data()[i])
            .as("logit %d", i)
            .isCloseTo(parity.logits().data()[i], within(1e-4f));
      }
      assertThat(loaded.outputFeatures()).isEqualTo(10);
      assertThat(loaded.digest()).isEqualTo(Digests.sha256Hex(model));
    }
  }

  @Test
  void forwardEachGivesEveryRequestTheRowsOfOneForwardPerRequest() throws Exception {
    Fixtures.Parity parity = Fixtures.parity(Fixtures.STUDENT);
    Matrix all = parity.inputs();
    int[][] batches = {{1}, {3, 1, 2}, {all.rows()}, {2, 0, 1}, {1, 1, 1, 1}};
    try (LoadedModel loaded =
        new ModelLoader(64).load(source(Fixtures.STUDENT, Optional.empty()))) {
      for (int[] sizes : batches) {
        java.util.List<Matrix> inputs = new java.util.ArrayList<>();
        int from = 0;
        for (int n : sizes) {
          int start = Math.min(from, all.rows() - n);
          inputs.add(all.rows(start, n));
          from = (from + n) % all.rows();
        }
        Matrix[] outs = loaded.forwardEach(inputs);
        assertThat(outs).hasSize(sizes.length);
        for (int i = 0; i < sizes.length; i++) {
          Matrix alone = loaded.forward(inputs.get(i));
          assertThat(outs[i].rows()).isEqualTo(sizes[i]);
          assertThat(outs[i].cols()).isEqualTo(10);
          for (int v = 0; v < alone.data().length; v++) {
            assertThat(outs[i].data()[v])
                .as("request %d value %d", i, v)
                .isCloseTo(alone.data()[v], within(1e-4f));
          }
        }
      }
      assertThatThrownBy(
              () -> loaded.forwardEach(java.util.List.of(new Matrix(new float[63], 1, 63))))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("takes 64 features, got 63");
    }
  }

  @Test
  void refusesDigestMismatchNamingBothDigests() {
    assertThatThrownBy(
            () -> new ModelLoader(64).load(source(Fixtures.STUDENT, Optional.of("ab".repeat(32)))))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("sha256 mismatch")
        .hasMessageContaining("ab".repeat(32));
  }

  @Test
  void refusesMissingFile() {
    assertThatThrownBy(
            () -> new ModelLoader(64).load(source(Path.of("nope/missing.pt"), Optional.empty())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void refusesModelThatDoesNotTakeTheConfiguredWidth() {
    assertThatThrownBy(() -> new ModelLoader(63).load(source(Fixtures.STUDENT, Optional.empty())))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("failed its warm-up pass with inputs [input: FP32 [-1, 63]]");
  }
}
