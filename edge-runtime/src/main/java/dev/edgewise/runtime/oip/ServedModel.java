package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.serving.ModelRegistry;

/**
 * Finds the loaded model a request names, or the protocol error that says why it cannot: 404 for an
 * unknown name or version, 503 with {@code Retry-After} while nothing is loaded.
 */
final class ServedModel {

  /** Seconds a client is told to wait when the model is not loaded or the queue is full. */
  static final int RETRY_AFTER_SECONDS = 1;

  private final ModelRegistry registry;
  private final String name;

  ServedModel(ModelRegistry registry, String name) {
    this.registry = registry;
    this.name = name;
  }

  /** Throws 404 unless {@code requested} is the served model's name. */
  void knownName(String requested) {
    if (!name.equals(requested)) {
      throw OipException.notFound(
          "unknown model '" + requested + "'; this server serves '" + name + "'");
    }
  }

  /** The version serving {@code requested}. */
  LoadedModel loaded(String requested) {
    knownName(requested);
    return registry
        .current()
        .orElseThrow(
            () ->
                new OipException(
                    503, "model '" + requested + "' is not loaded yet", RETRY_AFTER_SECONDS));
  }

  /** The serving version, which must be {@code version}. */
  LoadedModel loaded(String requested, String version) {
    LoadedModel m = loaded(requested);
    if (!m.version().equals(version)) {
      throw OipException.notFound(
          "model '"
              + requested
              + "' has no version '"
              + version
              + "'; serving version '"
              + m.version()
              + "'");
    }
    return m;
  }
}
