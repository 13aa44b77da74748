package dev.edgewise.runtime.tools;

import dev.edgewise.runtime.tools.fetch.Fetcher;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fetch}: download an artifact into the sha256-keyed cache, resuming and verifying. */
@Command(
    name = "fetch",
    description =
        "Download an artifact (http(s):// or file://) into <cache-dir>/sha256/<digest>, resuming"
            + " interrupted downloads and refusing a sha256 mismatch. Prints the cached path.")
final class FetchCommand implements Callable<Integer> {

  @Option(names = "--uri", required = true, description = "http://, https:// or file:// URI")
  String uri;

  @Option(names = "--sha256", required = true, description = "expected sha256 (64 hex)")
  String sha256;

  @Option(names = "--cache-dir", required = true, description = "cache directory")
  Path cacheDir;

  @Option(names = "--connect-timeout", defaultValue = "10s", description = "e.g. 10s")
  String connectTimeout;

  @Option(names = "--read-timeout", defaultValue = "30s", description = "stall limit, e.g. 30s")
  String readTimeout;

  @Option(names = "--attempts", defaultValue = "5", description = "attempts before giving up")
  int attempts;

  @Override
  public Integer call() throws Exception {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid --uri '" + uri + "': " + e.getMessage());
    }
    Fetcher.Options options =
        new Fetcher.Options(
            Durations.parse(connectTimeout),
            Durations.parse(readTimeout),
            attempts,
            Duration.ofSeconds(1),
            Duration.ofSeconds(30));
    Path path = new Fetcher(options).fetch(parsed, sha256, cacheDir);
    Output.print(
        Map.of("path", path.toAbsolutePath().toString(), "sha256", Fetcher.normalize(sha256)));
    return Tools.OK;
  }
}
