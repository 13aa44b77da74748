package dev.edgewise.operator.deployment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The JSON manifest the edge runtime's {@code compress} command writes (to its termination message
 * in a Job): what it produced and how accurate it is.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CompressionManifest(
    String method,
    String parentDigest,
    String digest,
    String artifactUri,
    Long bytesBefore,
    Long bytesAfter,
    Double ratio,
    Double accuracyBefore,
    Double accuracyAfter,
    Boolean refused,
    String reason) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Parses a manifest; empty when the text is missing or is not one. */
  public static Optional<CompressionManifest> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(text.trim(), CompressionManifest.class));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /** Accuracy lost, in percentage points; null when unknown. */
  public Double accuracyDrop() {
    return accuracyBefore == null || accuracyAfter == null ? null : accuracyBefore - accuracyAfter;
  }
}
