package dev.edgewise.runtime.model;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Points DJL at an engine cache directory the project controls and forbids network access. Must run
 * before the first DJL engine use in the JVM.
 */
public final class EngineSetup {

  /** Environment variable and system property DJL reads for its native-library cache. */
  public static final String ENGINE_CACHE_DIR = "ENGINE_CACHE_DIR";

  private EngineSetup() {}

  /**
   * Sets DJL offline and, when given (and not already set by the environment), its engine cache
   * directory. Returns the cache directory that will be used.
   */
  public static Path configure(Optional<Path> cacheDir, Optional<Integer> numThreads) {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
    if (System.getenv(ENGINE_CACHE_DIR) == null && cacheDir.isPresent()) {
      System.setProperty(ENGINE_CACHE_DIR, cacheDir.get().toAbsolutePath().toString());
    }
    numThreads.ifPresent(
        n -> {
          System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(n));
          System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        });
    return ai.djl.util.Utils.getEngineCacheDir();
  }
}
