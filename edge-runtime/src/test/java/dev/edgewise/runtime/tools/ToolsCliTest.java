package dev.edgewise.runtime.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.edgewise.runtime.Fixtures;
import dev.edgewise.runtime.model.Digests;
import dev.edgewise.runtime.model.EngineSetup;
import dev.edgewise.runtime.model.MlpArchitecture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tools end to end, checking the exit codes the operator's Jobs rely on. */
class ToolsCliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @BeforeAll
  static void engine() {
    EngineSetup.configure(Optional.empty(), Optional.of(1));
  }

  @Test
  void fetchCopiesAFileUriIntoTheCacheAndRefusesAMismatchWithExit3() throws Exception {
    String sha = Digests.sha256Hex(Fixtures.STUDENT);
    String uri = Fixtures.STUDENT.toAbsolutePath().toUri().toString();
    Path cache = dir.resolve("cache");
    assertThat(Tools.run("fetch", "--uri", uri, "--sha256", sha, "--cache-dir", cache.toString()))
        .isEqualTo(Tools.OK);
    assertThat(cache.resolve("sha256").resolve(sha)).hasSameBinaryContentAs(Fixtures.STUDENT);
    assertThat(
            Tools.run(
                "fetch", "--uri", uri, "--sha256", "1".repeat(64), "--cache-dir", cache.toString()))
        .isEqualTo(Tools.REFUSED);
    assertThat(cache.resolve("sha256").resolve("1".repeat(64))).doesNotExist();
  }

  @Test
  void badInputExitsWith2() {
    assertThat(Tools.run("fetch", "--uri", "x")).isEqualTo(Tools.BAD_INPUT);
    assertThat(
            Tools.run(
                "fetch", "--uri", "ftp://h/m.pt", "--sha256", "a".repeat(64), "--cache-dir", "c"))
        .isEqualTo(Tools.BAD_INPUT);
    assertThat(
            Tools.run(
                "fetch", "--uri", "file:///m.pt", "--sha256", "abc", "--cache-dir", dir.toString()))
        .isEqualTo(Tools.BAD_INPUT);
    assertThat(Tools.run("evaluate", "--model", "missing.pt", "--data", "x.csv"))
        .isEqualTo(Tools.BAD_INPUT);
    assertThat(Tools.run("nonsense")).isEqualTo(Tools.BAD_INPUT);
  }

  @Test
  void evaluateChecksTheAccuracyFloor() {
    String model = Fixtures.STUDENT.toString();
    String data = Fixtures.DIGITS.toString();
    assertThat(Tools.run("evaluate", "--model", model, "--data", data, "--min-accuracy", "0.9"))
        .isEqualTo(Tools.OK);
    assertThat(Tools.run("evaluate", "--model", model, "--data", data, "--min-accuracy", "0.9999"))
        .isEqualTo(Tools.REFUSED);
  }

  @Test
  void compressWritesAManifestAndEvaluateComparesItWithItsParent() throws Exception {
    Path out = dir.resolve("int8");
    assertThat(
            Tools.run(
                "compress",
                "--in",
                Fixtures.CNN.toString(),
                "--method",
                "Int8",
                "--eval-data",
                Fixtures.DIGITS.toString(),
                "--max-drop",
                "0.01",
                "--out",
                out.toString()))
        .isEqualTo(Tools.OK);
    JsonNode manifest = JSON.readTree(out.resolve("manifest.json").toFile());
    assertThat(manifest.get("method").asText()).isEqualTo("Int8");
    assertThat(manifest.get("parentDigest").asText()).isEqualTo(Digests.sha256Hex(Fixtures.CNN));
    assertThat(manifest.get("digest").asText())
        .isEqualTo(Digests.sha256Hex(out.resolve("model.ewz")));
    assertThat(manifest.get("bytesAfter").asLong()).isEqualTo(Files.size(out.resolve("model.ewz")));
    assertThat(manifest.get("bytesAfter").asLong())
        .isLessThan(manifest.get("bytesBefore").asLong());
    assertThat(manifest.get("ratio").asDouble()).isGreaterThan(2);
    assertThat(manifest.get("accuracyAfter").asDouble()).isGreaterThan(0.9);
    assertThat(manifest.get("seconds").asDouble()).isPositive();
    String artifact = out.resolve("model.ewz").toString();
    String data = Fixtures.DIGITS.toString();
    String parent = Fixtures.CNN.toString();
    assertThat(
            Tools.run(
                "evaluate",
                "--model",
                artifact,
                "--data",
                data,
                "--parent",
                parent,
                "--max-drop",
                "0.01"))
        .isEqualTo(Tools.OK);
    assertThat(
            Tools.run(
                "evaluate",
                "--model",
                artifact,
                "--data",
                data,
                "--parent",
                parent,
                "--max-drop",
                "-1"))
        .isEqualTo(Tools.REFUSED);
  }

  @Test
  void trainDemoWritesALoadableDjlModelThatCompresses() throws Exception {
    Path out = dir.resolve("demo");
    assertThat(
            Tools.run(
                "train-demo",
                "--data",
                Fixtures.DIGITS.toString(),
                "--out",
                out.toString(),
                "--only",
                "student",
                "--student-epochs",
                "2"))
        .isEqualTo(Tools.OK);
    Path student = out.resolve("student");
    assertThat(MlpArchitecture.read(student).describe()).isEqualTo("64-32-10");
    assertThat(student.resolve("student-0000.params")).exists();
    JsonNode report = JSON.readTree(out.resolve("train-report.json").toFile());
    assertThat(report.get("student").get("testAccuracy").asDouble()).isGreaterThan(0.5);
    Path compressed = dir.resolve("student-int8");
    assertThat(
            Tools.run(
                "compress",
                "--in",
                student.toString(),
                "--method",
                "PruneInt8",
                "--eval-data",
                Fixtures.DIGITS.toString(),
                "--out",
                compressed.toString()))
        .isEqualTo(Tools.OK);
    assertThat(Files.size(compressed.resolve("model.ewz")))
        .isLessThan(Files.size(student.resolve("student-0000.params")));
  }
}
