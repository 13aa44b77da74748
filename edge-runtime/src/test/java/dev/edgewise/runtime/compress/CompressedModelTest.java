package dev.edgewise.runtime.compress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoader;
import dev.edgewise.runtime.model.ModelSource;
import dev.edgewise.runtime.tools.Evaluator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compresses the real TorchScript fixtures and loads the artifacts back through the runtime's
 * loader: smaller on disk, and still close to PyTorch's logits.
 */
class CompressedModelTest {

  private static final ModelLoader LOADER = new ModelLoader(64);

  @TempDir Path out;

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  private static ModelSource source(Path p, ModelFormat f) {
    return new ModelSource("digits", "1", p, f, Optional.empty());
  }

  private Compressor.Written compress(Path model, CompressionMethod m) throws Exception {
    return new Compressor(LOADER)
        .compress(source(model, ModelFormat.TorchScript), m, 0.5, out.resolve(m.name()));
  }

  @Test
  void float16StaysWithin1e2OfPyTorch() throws Exception {
    Compressor.Written w = compress(Fixtures.STUDENT, CompressionMethod.Float16);
    assertThat(w.bytesAfter()).isLessThan(w.bytesBefore());
    Fixtures.Parity parity = Fixtures.parity(Fixtures.STUDENT);
    try (LoadedModel m = LOADER.load(source(w.artifact(), ModelFormat.Compressed))) {
      Matrix got = m.forward(parity.inputs());
      for (int i = 0; i < got.data().length; i++) {
        assertThat(got.data()[i]).isCloseTo(parity.logits().data()[i], within(1e-2f));
      }
      assertThat(m.digest()).isEqualTo(w.digest());
    }
  }

  @Test
  void int8OfBothFixturesIsSmallerAndAgreesWithPyTorchsPredictions() throws Exception {
    for (Path fixture : new Path[] {Fixtures.STUDENT, Fixtures.CNN}) {
      Compressor.Written w = compress(fixture, CompressionMethod.Int8);
      assertThat(Files.size(w.artifact())).isLessThan(Files.size(fixture) / 2);
      Fixtures.Parity parity = Fixtures.parity(fixture);
      try (LoadedModel m = LOADER.load(source(w.artifact(), ModelFormat.Compressed))) {
        Matrix got = m.forward(parity.inputs());
        int agree = 0;
        for (int r = 0; r < got.rows(); r++) {
          if (Evaluator.argmax(got.row(r)) == Evaluator.argmax(parity.logits().row(r))) {
            agree++;
          }
          for (int k = 0; k < 10; k++) {
            assertThat(got.row(r)[k]).isCloseTo(parity.logits().row(r)[k], within(0.25f));
          }
        }
        assertThat(agree).as("%s predictions agreeing with PyTorch", fixture).isEqualTo(got.rows());
      }
    }
  }

  @Test
  void pruneInt8WritesTheSmallestArtifactAndStillLoads() throws Exception {
    Compressor.Written int8 = compress(Fixtures.CNN, CompressionMethod.Int8);
    Compressor.Written pruned = compress(Fixtures.CNN, CompressionMethod.PruneInt8);
    assertThat(pruned.bytesAfter()).isLessThan(int8.bytesAfter());
    try (LoadedModel m = LOADER.load(source(pruned.artifact(), ModelFormat.Compressed))) {
      assertThat(m.forward(Fixtures.parity(Fixtures.CNN).inputs()).rows()).isEqualTo(20);
    }
  }
}
