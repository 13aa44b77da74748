package dev.edgewise.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads every fixture of {@code models/fixtures} (made by {@code make models} with PyTorch) in
 * DJL's libtorch with plain {@link NDList}s and checks its outputs against the reference outputs
 * PyTorch wrote beside it: same names, datatypes and shapes, values within the reference's
 * tolerance ({@code |a - e| <= tol + tol * |e|}; integers and booleans exactly).
 */
class TorchScriptFixturesTest {

  /** The checked-in fixtures, from the module directory Surefire runs in. */
  static final Path FIXTURES = Path.of("../models/fixtures");

  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  /**
   * Fixtures DJL's engine cannot run at all, with the reason. DJL 0.35.1's PyTorch JNI aborts the
   * JVM ({@code terminate called without an active exception}) on any INT16 array, so the test
   * cannot even try: see models/README.md.
   */
  static final Map<String, String> ENGINE_CANNOT =
      Map.of("dtype_int16", "DJL 0.35.1's PyTorch JNI aborts the JVM on any INT16 NDArray");

  static Stream<String> fixtures() throws IOException {
    JsonNode manifest = JSON.readTree(FIXTURES.resolve("MANIFEST.json").toFile());
    List<String> names = new ArrayList<>();
    manifest.get("fixtures").fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .as("fixtures in MANIFEST.json")
        .isNotEmpty()
        .containsAll(ENGINE_CANNOT.keySet());
    return names.stream().filter(name -> !ENGINE_CANNOT.containsKey(name));
  }

  @Test
  @Disabled("dtype_int16: DJL 0.35.1's PyTorch JNI aborts the JVM on any INT16 NDArray")
  void int16FixtureCannotRunInDjl() {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("fixtures")
  void libtorchMatchesPyTorchReference(String name) throws Exception {
    JsonNode entry =
        JSON.readTree(FIXTURES.resolve("MANIFEST.json").toFile()).get("fixtures").get(name);
    Path artifact = FIXTURES.resolve(entry.get("artifact").asText()).toAbsolutePath();
    JsonNode signature = JSON.readTree(FIXTURES.resolve(entry.get("signature").asText()).toFile());
    JsonNode reference = JSON.readTree(FIXTURES.resolve(entry.get("reference").asText()).toFile());
    assertThat(Files.size(artifact)).isPositive();

    try (Model model = Model.newInstance(name, ModelLoader.ENGINE);
        NDManager manager = NDManager.newBaseManager()) {
      model.load(
          artifact.getParent(), artifact.getFileName().toString().replaceFirst("\\.pt$", ""));
      NDList inputs = new NDList();
      for (JsonNode tensor : reference.get("request").get("inputs")) {
        inputs.add(toArray(manager, tensor));
      }
      try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator())) {
        NDList outputs = predictor.predict(inputs);
        JsonNode expected = reference.get("response").get("outputs");
        assertThat(outputs.size()).as("number of outputs").isEqualTo(expected.size());
        Map<String, NDArray> byName = nameOutputs(outputs, signature.get("outputs"));
        for (JsonNode want : expected) {
          String output = want.get("name").asText();
          double tolerance = reference.get("tolerance").get(output).asDouble();
          assertOutput(output, byName.get(output), want, tolerance);
        }
      }
    }
  }

  /**
   * Names DJL's outputs: a dict output comes back with its keys as array names, a tuple in the
   * signature's order.
   */
  private static Map<String, NDArray> nameOutputs(NDList outputs, JsonNode specs) {
    Map<String, NDArray> named = new java.util.LinkedHashMap<>();
    boolean dict = outputs.stream().allMatch(a -> a.getName() != null && !a.getName().isEmpty());
    for (int i = 0; i < outputs.size(); i++) {
      NDArray array = outputs.get(i);
      named.put(dict ? array.getName() : specs.get(i).get("name").asText(), array);
    }
    return named;
  }

  private static NDArray toArray(NDManager manager, JsonNode tensor) {
    String datatype = tensor.get("datatype").asText();
    long[] dims = new long[tensor.get("shape").size()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = tensor.get("shape").get(i).asLong();
    }
    Shape shape = new Shape(dims);
    JsonNode data = tensor.get("data");
    int n = data.size();
    return switch (datatype) {
      case "BOOL" -> {
        boolean[] values = new boolean[n];
        for (int i = 0; i < n; i++) {
          values[i] = data.get(i).asBoolean();
        }
        yield manager.create(values, shape);
      }
      case "FP64" -> {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
          values[i] = data.get(i).asDouble();
        }
        yield manager.create(values, shape);
      }
      case "FP32", "FP16" -> {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
          values[i] = (float) data.get(i).asDouble();
        }
        NDArray array = manager.create(values, shape);
        // The FP16 reference values are exact halves, so libtorch's cast loses nothing.
        yield datatype.equals("FP16") ? array.toType(DataType.FLOAT16, false) : array;
      }
      default -> {
        long[] values = new long[n];
        for (int i = 0; i < n; i++) {
          values[i] = data.get(i).asLong();
        }
        yield manager.create(values, shape).toType(djlType(datatype), false);
      }
    };
  }

  private static DataType djlType(String datatype) {
    return switch (datatype) {
      case "BOOL" -> DataType.BOOLEAN;
      case "UINT8" -> DataType.UINT8;
      case "INT8" -> DataType.INT8;
      case "INT16" -> DataType.INT16;
      case "INT32" -> DataType.INT32;
      case "INT64" -> DataType.INT64;
      case "FP16" -> DataType.FLOAT16;
      case "FP32" -> DataType.FLOAT32;
      case "FP64" -> DataType.FLOAT64;
      default -> throw new IllegalArgumentException("no DJL datatype for " + datatype);
    };
  }

  private static void assertOutput(String name, NDArray actual, JsonNode want, double tolerance) {
    assertThat(actual).as("output %s", name).isNotNull();
    String datatype = want.get("datatype").asText();
    assertThat(actual.getDataType()).as("datatype of %s", name).isEqualTo(djlType(datatype));
    long[] shape = new long[want.get("shape").size()];
    for (int i = 0; i < shape.length; i++) {
      shape[i] = want.get("shape").get(i).asLong();
    }
    assertThat(actual.getShape().getShape()).as("shape of %s", name).containsExactly(shape);
    JsonNode data = want.get("data");
    if (datatype.equals("BOOL")) {
      boolean[] got = actual.toBooleanArray();
      for (int i = 0; i < got.length; i++) {
        assertThat(got[i]).as("%s[%d]", name, i).isEqualTo(data.get(i).asBoolean());
      }
    } else if (actual.getDataType().isInteger()) {
      long[] got = actual.toType(DataType.INT64, false).toLongArray();
      for (int i = 0; i < got.length; i++) {
        assertThat(got[i]).as("%s[%d]", name, i).isEqualTo(data.get(i).asLong());
      }
    } else {
      double[] got = actual.toType(DataType.FLOAT64, false).toDoubleArray();
      for (int i = 0; i < got.length; i++) {
        double expected = data.get(i).asDouble();
        assertThat(Math.abs(got[i] - expected))
            .as("%s[%d]: %s against %s", name, i, got[i], expected)
            .isLessThanOrEqualTo(tolerance + tolerance * Math.abs(expected));
      }
    }
  }
}
