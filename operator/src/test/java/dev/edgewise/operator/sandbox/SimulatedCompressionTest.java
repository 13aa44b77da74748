package dev.edgewise.operator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.edgewise.operator.deployment.CompressionManifest;
import dev.edgewise.operator.deployment.CompressionStage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sandbox's simulated compress command and its accuracy gate. */
class SimulatedCompressionTest {

  static List<String> compress(String method, String maxDrop) {
    return maxDrop == null
        ? List.of("compress", "--in", "pvc://m/model.pt", "--method", method)
        : List.of(
            "compress", "--in", "pvc://m/model.pt", "--method", method, "--max-drop", maxDrop);
  }

  static CompressionManifest manifest(SimulatedCompression.Result result) {
    return CompressionManifest.parse(result.terminationMessage()).orElseThrow();
  }

  @Test
  void int8IsAcceptedUnderAMaxDropOfOnePercent() {
    SimulatedCompression.Result result = SimulatedCompression.of(compress("Int8", "0.01"));

    assertThat(result.exitCode()).isZero();
    CompressionManifest manifest = manifest(result);
    assertThat(manifest.accepted()).isTrue();
    assertThat(manifest.method()).isEqualTo("Int8");
    assertThat(manifest.artifact()).isEqualTo("model.ewz");
    assertThat(manifest.bytesBefore()).isEqualTo(672_000L);
    assertThat(manifest.bytesAfter()).isEqualTo(Math.round(672_000 / 3.9));
    assertThat(manifest.ratio()).isCloseTo(3.9, within(0.001));
    assertThat(manifest.dropPoints()).isCloseTo(0.28, within(1e-6));
    assertThat(manifest.digest()).hasSize(64);
  }

  @Test
  void int8IsRefusedUnderAMaxDropOfOneTenthPercentWithTheRefusedExitCode() {
    SimulatedCompression.Result result = SimulatedCompression.of(compress("Int8", "0.001"));

    assertThat(result.exitCode()).isEqualTo(CompressionStage.REFUSED_EXIT_CODE).isEqualTo(3);
    assertThat(manifest(result).accepted()).isFalse();
  }

  @Test
  void aDropExactlyAtTheLimitIsAccepted() {
    assertThat(SimulatedCompression.of(compress("Int8", "0.0028")).exitCode()).isZero();
    assertThat(SimulatedCompression.of(compress("PruneInt8", "0.0055")).exitCode()).isZero();
    assertThat(SimulatedCompression.of(compress("PruneInt8", "0.005")).exitCode()).isEqualTo(3);
  }

  @Test
  void withoutMaxDropEveryArtifactIsAccepted() {
    assertThat(SimulatedCompression.of(compress("PruneInt8", null)).exitCode()).isZero();
  }

  @Test
  void float16LosesNoAccuracyAndHalvesTheSize() {
    CompressionManifest manifest = manifest(SimulatedCompression.of(compress("Float16", "0")));

    assertThat(manifest.accepted()).isTrue();
    assertThat(manifest.dropPoints()).isCloseTo(0.0, within(1e-9));
    assertThat(manifest.bytesAfter()).isEqualTo(336_000L);
  }

  @Test
  void theMethodDefaultsToInt8() {
    SimulatedCompression.Result result =
        SimulatedCompression.of(List.of("compress", "--in", "pvc://m/model.pt"));

    assertThat(manifest(result).method()).isEqualTo("Int8");
  }

  @Test
  void theDigestDependsOnTheArguments() {
    String a = manifest(SimulatedCompression.of(compress("Int8", "0.01"))).digest();
    String b = manifest(SimulatedCompression.of(compress("Prune", "0.01"))).digest();
    String again = manifest(SimulatedCompression.of(compress("Int8", "0.01"))).digest();

    assertThat(a).isNotEqualTo(b).isEqualTo(again);
  }

  @Test
  void otherCommandsAreNotSimulated() {
    assertThat(SimulatedCompression.of(null)).isNull();
    assertThat(SimulatedCompression.of(List.of())).isNull();
    assertThat(SimulatedCompression.of(List.of("serve", "--port", "8080"))).isNull();
  }
}
