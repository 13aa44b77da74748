package dev.edgewise.runtime.collaboration;

import dev.edgewise.runtime.serving.RuntimeConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * The checked joint-inference settings: built from {@code edgewise.collaboration.*} at startup, and
 * refusing a bad combination with one message that names the property and its variable.
 *
 * @param cloudUrl base URL of the cloud runtime, without a trailing slash
 * @param threshold a row is hard below this top-class probability, when set
 * @param budgetPercent most rows in percent of the window that may go to the cloud, when set
 * @param budgetWindowRows rows in the budget's sliding window
 * @param deadline longest wait for the cloud
 * @param hardExamplesDir where hard examples are kept, when set
 * @param hardExamplesMaxBytes size at which the hard-examples file is rotated
 * @param hardExamplesMaxBackups rotated hard-examples files kept
 */
public record CollaborationSettings(
    URI cloudUrl,
    OptionalDouble threshold,
    OptionalInt budgetPercent,
    int budgetWindowRows,
    Duration deadline,
    Optional<Path> hardExamplesDir,
    long hardExamplesMaxBytes,
    int hardExamplesMaxBackups) {

  private static final String PREFIX = "edgewise.collaboration.";

  /** Most rotated hard-examples files: a few, as a log appender keeps. */
  public static final int MAX_BACKUPS = 100;

  /** The settings, or empty when no cloud URL is configured (edge only). */
  public static Optional<CollaborationSettings> from(RuntimeConfig.CollaborationConfig c) {
    if (c.cloudUrl().isEmpty() || c.cloudUrl().get().isBlank()) {
      return Optional.empty();
    }
    URI url = cloudUrl(c.cloudUrl().get().trim());
    OptionalDouble threshold =
        c.confidenceThreshold().map(OptionalDouble::of).orElse(OptionalDouble.empty());
    OptionalInt budget = c.offloadBudgetPercent().map(OptionalInt::of).orElse(OptionalInt.empty());
    return Optional.of(
        new CollaborationSettings(
            url,
            threshold,
            budget,
            c.budgetWindowRows(),
            Duration.ofMillis(c.cloudDeadlineMs()),
            c.hardExamplesDir(),
            c.hardExamplesMaxBytes(),
            c.hardExamplesMaxBackups()));
  }

  /** Checks every setting; the message names the first property that is wrong. */
  public CollaborationSettings {
    if (threshold.isPresent() && !(threshold.getAsDouble() >= 0 && threshold.getAsDouble() <= 1)) {
      throw invalid(
          "confidence-threshold", "must be between 0 and 1, got " + threshold.getAsDouble());
    }
    if (budgetPercent.isPresent()
        && (budgetPercent.getAsInt() < 0 || budgetPercent.getAsInt() > 100)) {
      throw invalid(
          "offload-budget-percent", "must be between 0 and 100, got " + budgetPercent.getAsInt());
    }
    if (threshold.isEmpty() && budgetPercent.isEmpty()) {
      throw invalid(
          "cloud-url",
          "is set but neither "
              + PREFIX
              + "confidence-threshold nor "
              + PREFIX
              + "offload-budget-percent is: set at least one to say which rows go to the cloud");
    }
    if (budgetWindowRows < 1) {
      throw invalid("budget-window-rows", "must be at least 1, got " + budgetWindowRows);
    }
    if (deadline.isNegative() || deadline.isZero()) {
      throw invalid("cloud-deadline-ms", "must be at least 1, got " + deadline.toMillis());
    }
    if (hardExamplesMaxBytes < 1) {
      throw invalid("hard-examples-max-bytes", "must be at least 1, got " + hardExamplesMaxBytes);
    }
    if (hardExamplesMaxBackups < 0 || hardExamplesMaxBackups > MAX_BACKUPS) {
      throw invalid(
          "hard-examples-max-backups",
          "must be between 0 and " + MAX_BACKUPS + ", got " + hardExamplesMaxBackups);
    }
  }

  /** The policy's view of these settings. */
  public OffloadPolicy.Rule rule() {
    return new OffloadPolicy.Rule(threshold, budgetPercent, budgetWindowRows);
  }

  private static URI cloudUrl(String text) {
    URI url;
    try {
      url = new URI(text);
    } catch (URISyntaxException e) {
      throw invalid("cloud-url", "is not a URL: " + e.getMessage());
    }
    String scheme = url.getScheme();
    if (scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || url.getHost() == null) {
      throw invalid(
          "cloud-url", "must be an http:// or https:// URL with a host, got '" + text + "'");
    }
    if (url.getQuery() != null || url.getFragment() != null) {
      throw invalid("cloud-url", "must not have a query or fragment, got '" + text + "'");
    }
    String s = url.toString();
    return URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
  }

  private static IllegalArgumentException invalid(String property, String problem) {
    String env = "EDGEWISE_COLLABORATION_" + property.toUpperCase().replace('-', '_');
    return new IllegalArgumentException(PREFIX + property + " (" + env + ") " + problem);
  }
}
