package dev.edgewise.runtime.oip;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Body of {@code POST /v2/repository/models/{name}/load}: which artifact to load as which version.
 *
 * @param uri {@code file://}, {@code http://} or {@code https://} location of the artifact
 * @param path a local path (alternative to {@code uri})
 * @param version the version the artifact is served as
 * @param sha256 expected digest; required for http(s), checked for every source when given
 * @param format TorchScript, DJL or Compressed; guessed from the path when absent
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LoadRequest(String uri, String path, String version, String sha256, String format) {}
