package dev.edgewise.runtime.oip;

import java.util.List;

/**
 * Open Inference Protocol v2 server metadata ({@code GET /v2}).
 *
 * @param name server name
 * @param version server version
 * @param extensions protocol extensions supported
 */
public record ServerMetadata(String name, String version, List<String> extensions) {}
