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
        .hasMessageContaining("cannot load");
  }
}
