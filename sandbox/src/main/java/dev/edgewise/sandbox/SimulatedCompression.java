package dev.edgewise.sandbox;

import dev.edgewise.api.Sha256;
import java.util.List;
import java.util.Locale;

/**
 * What the sandbox's simulated compression Jobs report: the manifest the edge runtime's {@code
 * compress} command would write, with sizes and accuracies typical of the digits teacher for each
 * method (measured figures are in BENCHMARKS.md), and the accuracy gate applied to {@code
 * --max-drop}. Nothing is compressed: the sandbox runs no containers.
 */
final class SimulatedCompression {
  private static final long TEACHER_BYTES = 672_000L;
  private static final double ACCURACY_BEFORE = 0.9722;

  private SimulatedCompression() {}

  /** The simulated result of a container's arguments; null when they are not {@code compress}. */
  static Result of(List<String> args) {
    if (args == null || args.isEmpty() || !"compress".equals(args.get(0))) {
      return null;
    }
    String method = option(args, "--method", "Int8");
    double ratio;
    double after;
    switch (method) {
      case "Float16" -> {
        ratio = 2.0;
        after = 0.9722;
      }
      case "Prune" -> {
        ratio = 1.7;
        after = 0.9694;
      }
      case "PruneInt8" -> {
        ratio = 6.4;
        after = 0.9667;
      }
      default -> {
        ratio = 3.9;
        after = 0.9694;
      }
    }
    String maxDropText = option(args, "--max-drop", null);
    boolean accepted =
        maxDropText == null || ACCURACY_BEFORE - after <= Double.parseDouble(maxDropText) + 1e-9;
    long bytesAfter = Math.round(TEACHER_BYTES / ratio);
    String manifest =
        String.format(
            Locale.ROOT,
            "{\"method\":\"%s\",\"artifact\":\"model.ewz\",\"parentDigest\":\"%s\",\"digest\":\"%s\","
                + "\"bytesBefore\":%d,\"bytesAfter\":%d,\"ratio\":%.4f,\"accuracyBefore\":%.4f,"
                + "\"accuracyAfter\":%.4f,\"seconds\":1.5,\"accepted\":%s,\"simulated\":true}",
            method,
            sha256(option(args, "--in", "")),
            sha256(String.join(" ", args)),
            TEACHER_BYTES,
            bytesAfter,
            (double) TEACHER_BYTES / bytesAfter,
            ACCURACY_BEFORE,
            after,
            accepted);
    return new Result(accepted ? 0 : 3, manifest);
  }

  /** Exit code and termination message of the simulated container. */
  record Result(int exitCode, String terminationMessage) {}

  private static String option(List<String> args, String name, String fallback) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size() ? args.get(at + 1) : fallback;
  }

  private static String sha256(String text) {
    return Sha256.hex(text);
  }
}
