package dev.edgewise.e2e.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The API server's audit log of the operator's ServiceAccount alone ({@link #POLICY}: every other
 * user at level None), read between two offsets: the operator's requests by verb and resource. A
 * request is counted once, when it completes; a watch when it starts (it may outlive the phase).
 */
final class OperatorAudit {
  /** Metadata of the requests of the ServiceAccounts of namespace edgewise, nothing else. */
  static final String POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      rules:
        - level: Metadata
          userGroups: ["system:serviceaccounts:edgewise"]
        - level: None
      """;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path log;

  OperatorAudit(Path log) {
    this.log = log;
  }

  /** Where the log ends now. */
  long offset() {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The requests logged from {@code from} to {@code to}, by audit verb and resource. */
  Map<String, RequestCounts> between(long from, long to) {
    Map<String, RequestCounts> counts = new TreeMap<>();
    if (to <= from) {
      return counts;
    }
    try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
      byte[] bytes = new byte[(int) (to - from)];
      file.seek(from);
      file.readFully(bytes);
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode event = JSON.readTree(line);
        String verb = event.path("verb").asText();
        String stage = event.path("stage").asText();
        boolean once =
            verb.equals("watch")
                ? stage.equals("ResponseStarted")
                : stage.equals("ResponseComplete");
        if (!once) {
          continue;
        }
        JsonNode ref = event.path("objectRef");
        String resource =
            ref.isMissingNode() ? event.path("requestURI").asText() : ref.path("resource").asText();
        String sub = ref.path("subresource").asText("");
        counts
            .computeIfAbsent(
                verb + " " + resource + (sub.isEmpty() ? "" : "/" + sub), k -> new RequestCounts())
            .add(event.path("responseStatus").path("code").asText("200"), 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return counts;
  }
}
