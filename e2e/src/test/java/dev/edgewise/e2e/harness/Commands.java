package dev.edgewise.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion and returns what it printed; a failure says what it printed. */
public final class Commands {
  private static final long TIMEOUT_MINUTES = 30;

  private Commands() {}

  /** Runs {@code command} with {@code environment} added; throws unless it exits 0. */
  public static String run(List<String> command, Map<String, String> environment) {
    Result result = tryRun(command, environment);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          String.join(" ", command)
              + " exited with "
              + result.exitCode()
              + ":\n"
              + result.output()
              + result.errors());
    }
    return result.output();
  }

  /** Runs {@code command} with {@code environment} added, whatever it exits with. */
  public static Result tryRun(List<String> command, Map<String, String> environment) {
    try {
      Path errors = Files.createTempFile("edgewise-e2e", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command).redirectError(errors.toFile()).redirectInput(devNull());
      builder.environment().putAll(environment);
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      String stderr = Files.readString(errors);
      Files.delete(errors);
      return new Result(process.exitValue(), output, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ProcessBuilder.Redirect devNull() {
    return ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));
  }

  /** Exit code, standard output and standard error of a finished command. */
  public record Result(int exitCode, String output, String errors) {}
}
