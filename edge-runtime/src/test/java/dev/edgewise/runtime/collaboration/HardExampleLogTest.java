package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hard examples become JSON lines; at its limit the file rotates, keeping the newest whole lines
 * within (1 + backups) times the limit.
 */
class HardExampleLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static HardExampleLog.HardExample example(String outcome, double[] cloud) {
    return new HardExampleLog.HardExample(
        "2026-01-01T00:00:00Z",
        "digits",
        "1",
        outcome,
        0.4f,
        java.util.Map.of("input", new double[] {0.5, 1}),
        new double[] {2, 1},
        cloud);
  }

  @Test
  void writesOneJsonLinePerExample(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log =
        new HardExampleLog(dir.resolve("sub"), 1 << 20, 1, new CollaborationMetrics(meters));
    log.offer(example("cloud", new double[] {0, 9}));
    log.offer(example("edge-fallback", null));
    log.close();
    List<String> lines = Files.readAllLines(dir.resolve("sub").resolve(HardExampleLog.FILE_NAME));
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("outcome").asText()).isEqualTo("cloud");
    assertThat(first.get("input").toString()).isEqualTo("{\"input\":[0.5,1.0]}");
    assertThat(first.get("cloud").toString()).isEqualTo("[0.0,9.0]");
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("cloud").isNull()).isTrue();
    assertThat(second.get("model").asText()).isEqualTo("digits");
    assertThat(meters.counter("edgewise.hard.examples.written").count()).isEqualTo(2);
  }

  /** Example number {@code i}: its timestamp is {@code i} seconds after the epoch. */
  private static HardExampleLog.HardExample numbered(int i) {
    return new HardExampleLog.HardExample(
        Instant.ofEpochSecond(i).toString(),
        "digits",
        "1",
        "cloud",
        0.4f,
        java.util.Map.of("input", new double[] {0.5, 1}),
        new double[] {2, 1},
        new double[] {0, 9});
  }

  /** Writes examples {@code from} to {@code to - 1} and closes the log. */
  private static void write(HardExampleLog log, int from, int to) {
    for (int i = from; i < to; i++) {
      log.offer(numbered(i));
    }
    log.close();
  }

  /**
   * The example numbers in {@code files}, oldest file first, checking that each file ends with a
   * newline, every line is a whole JSON object and no file is larger than {@code maxBytes}.
   */
  private static List<Long> numbers(long maxBytes, Path... files) throws Exception {
    List<Long> numbers = new ArrayList<>();
    for (Path f : files) {
      byte[] bytes = Files.readAllBytes(f);
      assertThat((long) bytes.length).as(f.toString()).isPositive().isLessThanOrEqualTo(maxBytes);
      assertThat(bytes[bytes.length - 1]).as(f + " ends with a whole line").isEqualTo((byte) '\n');
      for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
        JsonNode n = JSON.readTree(line);
        assertThat(n.get("cloud").toString()).isEqualTo("[0.0,9.0]");
        numbers.add(Instant.parse(n.get("timestamp").asText()).getEpochSecond());
      }
    }
    return numbers;
  }

  /** The numbers {@code from}, {@code from + 1}, ..., {@code to - 1}. */
  private static List<Long> range(long from, long to) {
    return LongStream.range(from, to).boxed().toList();
  }

  @Test
  void rotatesAtTheLimitKeepingTheNewestLinesInOneBackup(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    long max = 1000;
    HardExampleLog log = new HardExampleLog(dir, max, 1, new CollaborationMetrics(meters));
    write(log, 0, 200);
    Path current = dir.resolve(HardExampleLog.FILE_NAME);
    assertThat(log.backup(1)).isEqualTo(dir.resolve("hard-examples.jsonl.1"));
    assertThat(dir.resolve("hard-examples.jsonl.2")).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.count()).isEqualTo(2);
    }
    List<Long> kept = numbers(max, log.backup(1), current);
    // The newest examples, in order, with nothing missing between them.
    assertThat(kept).isEqualTo(range(200 - kept.size(), 200));
    // The backup was full when it was rotated: one more line would have crossed the limit.
    long lineBytes = Files.size(current) / numbers(max, current).size();
    assertThat(Files.size(log.backup(1)) + lineBytes).isGreaterThan(max);
    assertThat(Files.size(current) + Files.size(log.backup(1))).isLessThanOrEqualTo(2 * max);
    assertThat(meters.counter("edgewise.hard.examples.written").count()).isEqualTo(200);
    assertThat(meters.find("edgewise.hard.examples.dropped").counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  @Test
  void keepsTheConfiguredNumberOfBackupsOldestDroppingOff(@TempDir Path dir) throws Exception {
    long max = 600;
    HardExampleLog log =
        new HardExampleLog(dir, max, 3, new CollaborationMetrics(new SimpleMeterRegistry()));
    write(log, 0, 200);
    assertThat(dir.resolve("hard-examples.jsonl.4")).doesNotExist();
    List<Long> kept =
        numbers(
            max,
            log.backup(3),
            log.backup(2),
            log.backup(1),
            dir.resolve(HardExampleLog.FILE_NAME));
    assertThat(kept).isEqualTo(range(200 - kept.size(), 200));
  }

  @Test
  void withNoBackupsTheFullFileIsStartedAfresh(@TempDir Path dir) throws Exception {
    long max = 600;
    HardExampleLog log =
        new HardExampleLog(dir, max, 0, new CollaborationMetrics(new SimpleMeterRegistry()));
    write(log, 0, 100);
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).containsExactly(dir.resolve(HardExampleLog.FILE_NAME));
    }
    List<Long> kept = numbers(max, dir.resolve(HardExampleLog.FILE_NAME));
    assertThat(kept).isEqualTo(range(100 - kept.size(), 100));
  }

  @Test
  void aRestartedRuntimeRotatesTheFileItFinds(@TempDir Path dir) throws Exception {
    long max = 1000;
    CollaborationMetrics metrics = new CollaborationMetrics(new SimpleMeterRegistry());
    write(new HardExampleLog(dir, max, 1, metrics), 0, 5);
    long before = Files.size(dir.resolve(HardExampleLog.FILE_NAME));
    write(new HardExampleLog(dir, max, 1, metrics), 5, 200);
    List<Long> kept =
        numbers(max, dir.resolve("hard-examples.jsonl.1"), dir.resolve(HardExampleLog.FILE_NAME));
    assertThat(kept).isEqualTo(range(200 - kept.size(), 200));
    assertThat(before).isPositive();
  }

  @Test
  void anExampleLargerThanAWholeFileIsDroppedAndCounted(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log = new HardExampleLog(dir, 50, 1, new CollaborationMetrics(meters));
    write(log, 0, 3);
    assertThat(meters.counter("edgewise.hard.examples.dropped", "reason", "too_large").count())
        .isEqualTo(3);
    assertThat(meters.counter("edgewise.hard.examples.written").count()).isZero();
    assertThat(log.backup(1)).doesNotExist();
  }

  @Test
  void anUnwritableDirectoryIsCountedNotThrown(@TempDir Path dir) throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log = new HardExampleLog(notADir, 1 << 20, 1, new CollaborationMetrics(meters));
    log.offer(example("cloud", null));
    log.offer(example("cloud", null));
    log.close();
    assertThat(meters.counter("edgewise.hard.examples.dropped", "reason", "io_error").count())
        .isEqualTo(2);
  }
}
