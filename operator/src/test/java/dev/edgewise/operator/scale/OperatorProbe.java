package dev.edgewise.operator.scale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the scale runs read of a running operator JVM: heap used and committed, reconciles and GC
 * pauses from its metrics endpoint ({@code /q/metrics}), its live set after a forced full GC
 * ({@code jcmd GC.run}), its CPU time; and the machine's load average.
 */
public final class OperatorProbe {
  public static final double MiB = 1024.0 * 1024.0;

  private static final Pattern HEAP_USED =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern HEAP_COMMITTED =
      Pattern.compile("(?m)^jvm_memory_committed_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern GC_PAUSE_SUM =
      Pattern.compile("(?m)^jvm_gc_pause_seconds_sum\\{[^}]*} ([0-9.E+]+)$");
  private static final Pattern RECONCILES =
      Pattern.compile(
          "(?m)^edgewise_reconcile_seconds_count\\{controller=\"modeldeployment\",[^}]*} ([0-9.E+]+)$");
  private static final Pattern RECONCILE_SECONDS =
      Pattern.compile(
          "(?m)^edgewise_reconcile_seconds_sum\\{controller=\"modeldeployment\",[^}]*} ([0-9.E+]+)$");

  private final URI metrics;
  private final HttpClient http = HttpClient.newHttpClient();

  /** The operator whose HTTP server listens on {@code port} of localhost. */
  public OperatorProbe(int port) {
    this.metrics = URI.create("http://localhost:" + port + "/q/metrics");
  }

  /** Heap used and committed, summed over the heap pools, in bytes. */
  public double[] heap() {
    String text = scrape();
    return new double[] {sum(HEAP_USED, text), sum(HEAP_COMMITTED, text)};
  }

  /** ModelDeployment reconciles so far, and the seconds they took, summed over outcomes. */
  public double[] reconciles() {
    String text = scrape();
    return new double[] {sum(RECONCILES, text), sum(RECONCILE_SECONDS, text)};
  }

  /** GC pauses so far in seconds (jvm_gc_pause_seconds_sum, first collector), or "n/a". */
  public String gcPauseSeconds() {
    Matcher m = GC_PAUSE_SUM.matcher(scrape());
    return m.find() ? String.format("%.2f", Double.parseDouble(m.group(1))) : "n/a";
  }

  /** Forces a full GC in the JVM {@code pid} and returns the heap used after it (the live set). */
  public double liveSet(long pid) throws Exception {
    new ProcessBuilder(List.of("jcmd", String.valueOf(pid), "GC.run"))
        .redirectErrorStream(true)
        .start()
        .waitFor();
    Thread.sleep(1000);
    return heap()[0];
  }

  private String scrape() {
    try {
      return http.send(
              HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static double sum(Pattern pattern, String text) {
    double total = 0;
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      total += Double.parseDouble(m.group(1));
    }
    return total;
  }

  /** CPU time a child process has used so far (user and system, all threads). */
  public static Duration cpu(Process process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The 1-minute load average, NaN where /proc/loadavg cannot be read. */
  public static double load1() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  public static String mib(double bytes) {
    return String.format("%.0f MiB", bytes / MiB);
  }
}
