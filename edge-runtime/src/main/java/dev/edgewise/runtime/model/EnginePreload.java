package dev.edgewise.runtime.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Loads DJL's PyTorch engine (mapping and linking the native libraries, about 0.7 s) on a
 * background thread that the server's {@code main} starts before Quarkus boots, so that work runs
 * beside Quarkus's own start when the machine has a second core. The engine settings are read the
 * way Quarkus will read them (system property, environment variable, {@code application.properties}
 * with its profile); the first model load waits for the preload and compares the settings with the
 * configuration Quarkus resolved.
 */
public final class EnginePreload {

  /** The engine settings a preload used, and how long it took. */
  public record Outcome(Optional<Path> cacheDir, Optional<Integer> numThreads, long millis) {}

  private static volatile CompletableFuture<Outcome> preload;

  private EnginePreload() {}

  /**
   * Starts the preload unless {@code edgewise.djl.preload} is false or the settings cannot be read
   * without Quarkus (an expression or a bad number), in which case the model load loads the engine
   * as before. Returns whether it started.
   */
  public static synchronized boolean start() {
    if (preload != null) {
      return true;
    }
    Properties app = applicationProperties();
    String profile = first(System.getProperty("quarkus.profile"), System.getenv("QUARKUS_PROFILE"));
    profile = profile == null ? "prod" : profile;
    if (setting("edgewise.djl.preload", app, profile)
        .filter("false"::equalsIgnoreCase)
        .isPresent()) {
      return false;
    }
    Optional<String> dir = setting("edgewise.djl.cache-dir", app, profile);
    Optional<String> threads = setting("edgewise.djl.num-threads", app, profile);
    if (dir.filter(s -> s.contains("${")).isPresent()
        || threads.filter(s -> !s.matches("[0-9]{1,4}")).isPresent()) {
      return false;
    }
    Optional<Path> cacheDir = dir.map(Path::of);
    Optional<Integer> numThreads = threads.map(Integer::valueOf);
    CompletableFuture<Outcome> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              long t0 = System.nanoTime();
              try {
                EngineSetup.configure(cacheDir, numThreads);
                Engine engine = Engine.getEngine(ModelLoader.ENGINE);
                try (NDManager manager = engine.newBaseManager()) {
                  manager.create(new float[] {1f}).toFloatArray();
                }
                future.complete(
                    new Outcome(cacheDir, numThreads, (System.nanoTime() - t0) / 1_000_000));
              } catch (Throwable e) {
                future.completeExceptionally(e);
              }
            },
            "edgewise-engine-preload");
    thread.setDaemon(true);
    thread.start();
    preload = future;
    return true;
  }

  /**
   * Waits for a preload started by {@link #start()}; empty when none was started (tests, the
   * tools). Throws the preload's failure.
   */
  public static Optional<Outcome> await() throws ExecutionException, InterruptedException {
    CompletableFuture<Outcome> p = preload;
    return p == null ? Optional.empty() : Optional.of(p.get());
  }

  /**
   * A setting as Quarkus resolves it from these sources: system property, environment variable,
   * then {@code application.properties} ({@code %profile.key} before {@code key}); blank is unset.
   */
  static Optional<String> setting(String key, Properties app, String profile) {
    String env = key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    String v =
        first(
            System.getProperty(key),
            System.getenv(env),
            app.getProperty("%" + profile + "." + key),
            app.getProperty(key));
    return Optional.ofNullable(v).map(String::trim).filter(s -> !s.isEmpty());
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static Properties applicationProperties() {
    Properties p = new Properties();
    try (InputStream in =
        EnginePreload.class.getClassLoader().getResourceAsStream("application.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read application.properties", e);
    }
    return p;
  }
}
