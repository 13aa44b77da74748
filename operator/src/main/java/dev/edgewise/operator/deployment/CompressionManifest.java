package dev.edgewise.operator.deployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The JSON manifest the edge runtime's {@code compress} command writes next to the artifact and to
 * its Job's termination message: what it produced and how accurate it is (accuracies as fractions
 * from 0 to 1).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompressionManifest(
    String method,
    Double sparsity,
    String artifact,
    String parentDigest,
    String digest,
    Long bytesBefore,
    Long bytesAfter,
    Double ratio,
    Double accuracyBefore,
    Double accuracyAfter,
    Boolean accepted) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses a manifest; empty when the text is missing or is not a manifest. */
  public static Optional<CompressionManifest> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      CompressionManifest manifest = JSON.readValue(text.trim(), CompressionManifest.class);
      return manifest == null || (manifest.digest() == null && manifest.accepted() == null)
          ? Optional.empty()
          : Optional.of(manifest);
    } catch (JsonProcessingException notAManifest) {
      return Optional.empty();
    }
  }

  /** Accuracy before compression, in percent. */
  public Double accuracyBeforePercent() {
    return accuracyBefore == null ? null : accuracyBefore * 100.0;
  }

  /** Accuracy after compression, in percent. */
  public Double accuracyAfterPercent() {
    return accuracyAfter == null ? null : accuracyAfter * 100.0;
  }

  /** Accuracy lost, in percentage points; null when unknown. */
  public Double dropPoints() {
    return accuracyBefore == null || accuracyAfter == null
        ? null
        : (accuracyBefore - accuracyAfter) * 100.0;
  }
}
