package dev.edgewise.runtime.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where one version of a model comes from: name, version, path on disk, format and the sha256 it
 * must have (when known).
 */
public record ModelSource(
    String name, String version, Path path, ModelFormat format, Optional<String> sha256) {

  /** Rejects blank names or versions early, with a message that says which. */
  public ModelSource {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("model name must not be blank");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("model version must not be blank");
    }
    if (path == null) {
      throw new IllegalArgumentException("model path must be set");
    }
    sha256 = sha256 == null ? Optional.empty() : sha256;
  }
}
