package dev.edgewise.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's simulated compress command and its accuracy gate. The manifest is read here as
 * plain JSON, with the field names the edge runtime's {@code compress} writes; that the operator
 * reads it (accepted and refused) is checked by the operator's tests against the sandbox.
 */
class SimulatedCompressionTest {
  /** The exit code of the edge runtime's {@code compress} for an artifact it refuses. */
  static final int REFUSED_EXIT_CODE = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The fields of the manifest the tests look at. */
  record Manifest(
      String method,
      String artifact,
      String digest,
      long bytesBefore,
      long bytesAfter,
      double ratio,
      double accuracyBefore,
      double accuracyAfter,
      boolean accepted) {
    /** Accuracy lost, in percentage points. */
    double dropPoints() {
      return (accuracyBefore - accuracyAfter) * 100.0;
    }
  }

  static List<String> compress(String method, String maxDrop) {
    return maxDrop == null
        ? List.of("compress", "--in", "pvc://m/model.pt", "--method", method)
        : List.of(
            "compress", "--in", "pvc://m/model.pt", "--method", method, "--max-drop", maxDrop);
  }

  static Manifest manifest(SimulatedCompression.Result result) {
    try {
      JsonNode json = JSON.readTree(result.terminationMessage());
      return new Manifest(
          json.required("method").asText(),
          json.required("artifact").asText(),
          json.required("digest").asText(),
          json.required("bytesBefore").asLong(),
          json.required("bytesAfter").asLong(),
          json.required("ratio").asDouble(),
          json.required("accuracyBefore").asDouble(),
          json.required("accuracyAfter").asDouble(),
          json.required("accepted").asBoolean());
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void int8IsAcceptedUnderAMaxDropOfOnePercent() {
    SimulatedCompression.Result result = SimulatedCompression.of(compress("Int8", "0.01"));

    assertThat(result.exitCode()).isZero();
    Manifest manifest = manifest(result);
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

    assertThat(result.exitCode()).isEqualTo(REFUSED_EXIT_CODE);
    assertThat(manifest(result).accepted()).isFalse();
  }

  @Test
  void aDropExactlyAtTheLimitIsAccepted() {
    assertThat(SimulatedCompression.of(compress("Int8", "0.0028")).exitCode()).isZero();
    assertThat(SimulatedCompression.of(compress("PruneInt8", "0.0055")).exitCode()).isZero();
    assertThat(SimulatedCompression.of(compress("PruneInt8", "0.005")).exitCode())
        .isEqualTo(REFUSED_EXIT_CODE);
  }

  @Test
  void withoutMaxDropEveryArtifactIsAccepted() {
    assertThat(SimulatedCompression.of(compress("PruneInt8", null)).exitCode()).isZero();
  }

  @Test
  void float16LosesNoAccuracyAndHalvesTheSize() {
    Manifest manifest = manifest(SimulatedCompression.of(compress("Float16", "0")));

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
