package dev.edgewise.operator.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Parsing the compress command's manifest and converting its accuracies to percent. */
class CompressionManifestTest {
  static final String MANIFEST =
      "{\"method\":\"Int8\",\"sparsity\":null,\"artifact\":\"model.ewz\",\"parentDigest\":\"p1\","
          + "\"digest\":\"d1\",\"bytesBefore\":672000,\"bytesAfter\":172308,\"ratio\":3.9,"
          + "\"accuracyBefore\":0.9722,\"accuracyAfter\":0.9694,\"seconds\":1.5,"
          + "\"accepted\":true,\"simulated\":true}";

  @Test
  void parsesEveryFieldOfAManifestAndIgnoresUnknownOnes() {
    CompressionManifest manifest = CompressionManifest.parse(MANIFEST).orElseThrow();

    assertThat(manifest)
        .isEqualTo(
            new CompressionManifest(
                "Int8",
                null,
                "model.ewz",
                "p1",
                "d1",
                672000L,
                172308L,
                3.9,
                0.9722,
                0.9694,
                true));
  }

  @Test
  void parsesAManifestSurroundedByWhitespace() {
    assertThat(CompressionManifest.parse("\n  " + MANIFEST + "\n")).isPresent();
  }

  @Test
  void aRefusedManifestWithoutDigestIsStillAManifest() {
    assertThat(CompressionManifest.parse("{\"accepted\":false,\"accuracyBefore\":0.9}"))
        .get()
        .satisfies(m -> assertThat(m.accepted()).isFalse());
  }

  @Test
  void missingOrBlankTextIsNoManifest() {
    assertThat(CompressionManifest.parse(null)).isEmpty();
    assertThat(CompressionManifest.parse("")).isEmpty();
    assertThat(CompressionManifest.parse("  \n\t")).isEmpty();
  }

  @Test
  void textThatIsNotJsonIsNoManifest() {
    assertThat(CompressionManifest.parse("Error: out of memory")).isEmpty();
    assertThat(CompressionManifest.parse("{\"digest\":")).isEmpty();
    assertThat(CompressionManifest.parse("[1,2]")).isEmpty();
  }

  @Test
  void jsonWithoutDigestOrAcceptedIsNoManifest() {
    assertThat(CompressionManifest.parse("{\"method\":\"Int8\",\"ratio\":2.0}")).isEmpty();
  }

  @Test
  void theJsonLiteralNullIsNoManifest() {
    assertThat(CompressionManifest.parse("null")).isEmpty();
  }

  @Test
  void convertsAccuraciesToPercentAndTheirDifferenceToPoints() {
    CompressionManifest manifest = CompressionManifest.parse(MANIFEST).orElseThrow();

    assertThat(manifest.accuracyBeforePercent()).isCloseTo(97.22, within(1e-9));
    assertThat(manifest.accuracyAfterPercent()).isCloseTo(96.94, within(1e-9));
    assertThat(manifest.dropPoints()).isCloseTo(0.28, within(1e-9));
  }

  @Test
  void unknownAccuraciesConvertToNull() {
    CompressionManifest onlyBefore =
        new CompressionManifest(null, null, null, null, "d", null, null, null, 0.9, null, true);

    assertThat(onlyBefore.accuracyBeforePercent()).isCloseTo(90.0, within(1e-9));
    assertThat(onlyBefore.accuracyAfterPercent()).isNull();
    assertThat(onlyBefore.dropPoints()).isNull();
  }
}
