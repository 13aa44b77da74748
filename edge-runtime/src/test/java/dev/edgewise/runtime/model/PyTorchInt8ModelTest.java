package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.Fixtures.Parity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TorchScript quantized by PyTorch 2.15 ({@code edgewise-tools compress}, {@code make
 * tools-fixtures}) loads in this runtime's libtorch 2.7.1 and runs its int8 kernels: the files hold
 * {@code quantized} ops, and DJL's outputs match PyTorch's int8 outputs, which differ from the
 * float parent's.
 */
class PyTorchInt8ModelTest {

  private static final Path DIR = Path.of("src/test/resources/fixtures/pytorch-int8");
  private static final int FEATURES = 64;
  private static final int CLASSES = 10;

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"digits_teacher_int8_dynamic", "digits_cnn_int8_static"})
  void djlCriteriaRunsTheInt8FileAsPyTorchDoes(String name) throws Exception {
    Path model = DIR.resolve(name + ".pt");
    Parity int8 = Fixtures.parityCsv(DIR.resolve(name + ".parity.csv"));
    Parity fp32 = Fixtures.parityCsv(DIR.resolve(name + ".float.csv"));
    assertThat(quantizedOps(model)).as("quantized ops in %s", model).isNotEmpty();

    Criteria<NDList, NDList> criteria =
        Criteria.builder()
            .setTypes(NDList.class, NDList.class)
            .optModelPath(model.toAbsolutePath())
            .optEngine(ModelLoader.ENGINE)
            .optTranslator(new NoopTranslator())
            .build();
    float[] out;
    try (ZooModel<NDList, NDList> loaded = criteria.loadModel();
        Predictor<NDList, NDList> predictor = loaded.newPredictor();
        NDManager manager = NDManager.newBaseManager(ModelLoader.ENGINE)) {
      NDArray x = manager.create(int8.inputs().data(), new Shape(int8.inputs().rows(), FEATURES));
      out = predictor.predict(new NDList(x)).singletonOrThrow().toFloatArray();
    }

    assertThat(out).hasSameSizeAs(int8.logits().data());
    double largestFloatGap = 0;
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i])
          .as("%s output %d", name, i)
          .isCloseTo(int8.logits().data()[i], within(1e-4f));
      largestFloatGap = Math.max(largestFloatGap, Math.abs(out[i] - fp32.logits().data()[i]));
    }
    assertThat(largestFloatGap)
        .as("int8 outputs of %s differ from the float parent's (int8 kernels ran)", name)
        .isGreaterThan(1e-3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"digits_teacher_int8_dynamic", "digits_cnn_int8_static"})
  void theServersModelLoaderServesTheInt8File(String name) throws Exception {
    Path model = DIR.resolve(name + ".pt");
    Parity int8 = Fixtures.parityCsv(DIR.resolve(name + ".parity.csv"));
    ModelSource source =
        new ModelSource("digits", "1", model, ModelFormat.TorchScript, Optional.empty());
    try (LoadedModel loaded = new ModelLoader(FEATURES).load(source)) {
      Matrix out = loaded.forward(int8.inputs());
      assertThat(out.cols()).isEqualTo(CLASSES);
      for (int i = 0; i < out.data().length; i++) {
        assertThat(out.data()[i])
            .as("output %d", i)
            .isCloseTo(int8.logits().data()[i], within(1e-4f));
      }
    }
  }

  /** The TorchScript code entries of a model file that call {@code quantized} operators. */
  private static List<String> quantizedOps(Path model) throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipFile zip = new ZipFile(model.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        if (entry.getName().contains("/code/") && entry.getName().endsWith(".py")) {
          String code =
              new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
          if (code.contains("ops.quantized.") || code.contains("__torch__.torch.ao.nn.quantized")) {
            found.add(entry.getName());
          }
        }
      }
    }
    return found;
  }
}
