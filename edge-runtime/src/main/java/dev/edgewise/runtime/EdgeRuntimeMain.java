package dev.edgewise.runtime;

import dev.edgewise.runtime.model.EnginePreload;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The server's entry point: starts loading the PyTorch engine on a background thread, then boots
 * Quarkus, so the two overlap.
 */
@QuarkusMain
public final class EdgeRuntimeMain {

  /** Starts the server. */
  public static void main(String... args) {
    EnginePreload.start();
    Quarkus.run(args);
  }
}
