package dev.edgewise.runtime.serving;

import dev.edgewise.runtime.tools.fetch.Fetcher;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Turns a load request's {@code uri} or {@code path} into a local file: {@code file://} and plain
 * paths are used in place, {@code pvc://<claim>/<path>} is read where the operator mounts the claim
 * ({@code /pvc/<claim>}), {@code http(s)://} artifacts are fetched into the sha256-keyed cache.
 */
@ApplicationScoped
public class ArtifactResolver {

  /** Where the operator mounts the claims of {@code pvc://} artifacts. */
  public static final String PVC_MOUNT_ROOT = "/pvc";

  private final Path cacheDir;

  /** Creates a resolver caching downloads under {@code edgewise.model.cache-dir}. */
  public ArtifactResolver(RuntimeConfig config) {
    this.cacheDir = config.model().cacheDir();
  }

  /**
   * Returns a local path for the artifact.
   *
   * @throws IllegalArgumentException when neither or both locations are given, the scheme is not
   *     supported, or an http(s) URI comes without a sha256
   * @throws IOException when a download fails or does not match its sha256
   */
  public Path resolve(String uri, String path, Optional<String> sha256) throws IOException {
    boolean hasUri = uri != null && !uri.isBlank();
    boolean hasPath = path != null && !path.isBlank();
    if (hasUri == hasPath) {
      throw new IllegalArgumentException("give exactly one of uri and path");
    }
    if (hasPath) {
      return Path.of(path);
    }
    URI parsed;
    try {
      parsed = URI.create(uri.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid uri '" + uri + "': " + e.getMessage());
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase();
    switch (scheme) {
      case "file":
        return Path.of(parsed);
      case "pvc":
        // pvc://<claim>/<path>: the operator mounts the claim read-only at /pvc/<claim>.
        return Path.of(PVC_MOUNT_ROOT, parsed.getAuthority() + parsed.getPath());
      case "http":
      case "https":
        if (sha256.isEmpty()) {
          throw new IllegalArgumentException("an http(s) uri needs a sha256 to verify it against");
        }
        return new Fetcher(Fetcher.Options.defaults()).fetch(parsed, sha256.get(), cacheDir);
      default:
        throw new IllegalArgumentException(
            "unsupported uri scheme '"
                + scheme
                + "' in "
                + uri
                + "; use file://, pvc://, http:// or https://");
    }
  }
}
