package dev.edgewise.runtime.collaboration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hard examples become JSON lines; the file stops at its limit and the rest are counted. */
class HardExampleLogTest {

  private static HardExampleLog.HardExample example(String outcome, float[] cloud) {
    return new HardExampleLog.HardExample(
        "2026-01-01T00:00:00Z",
        "digits",
        "1",
        outcome,
        0.4f,
        new float[] {0.5f, 1f},
        new float[] {2f, 1f},
        cloud);
  }

  @Test
  void writesOneJsonLinePerExample(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log =
        new HardExampleLog(dir.resolve("sub"), 1 << 20, new CollaborationMetrics(meters));
    log.offer(example("cloud", new float[] {0f, 9f}));
    log.offer(example("edge-fallback", null));
    log.close();
    List<String> lines = Files.readAllLines(dir.resolve("sub").resolve(HardExampleLog.FILE_NAME));
    assertThat(lines).hasSize(2);
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertThat(first.get("outcome").asText()).isEqualTo("cloud");
    assertThat(first.get("input").toString()).isEqualTo("[0.5,1.0]");
    assertThat(first.get("cloud").toString()).isEqualTo("[0.0,9.0]");
    JsonNode second = new ObjectMapper().readTree(lines.get(1));
    assertThat(second.get("cloud").isNull()).isTrue();
    assertThat(second.get("model").asText()).isEqualTo("digits");
    assertThat(meters.counter("edgewise.hard.examples.written").count()).isEqualTo(2);
  }

  @Test
  void stopsAtTheLimitAndCountsTheDropped(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log = new HardExampleLog(dir, 400, new CollaborationMetrics(meters));
    for (int i = 0; i < 10; i++) {
      log.offer(example("cloud", new float[] {0f, 9f}));
    }
    log.close();
    long size = Files.size(dir.resolve(HardExampleLog.FILE_NAME));
    assertThat(size).isLessThanOrEqualTo(400).isPositive();
    double written = meters.counter("edgewise.hard.examples.written").count();
    double full = meters.counter("edgewise.hard.examples.dropped", "reason", "full").count();
    assertThat(written).isGreaterThan(0);
    assertThat(written + full).isEqualTo(10);
    assertThat(Files.readAllLines(dir.resolve(HardExampleLog.FILE_NAME))).hasSize((int) written);
  }

  @Test
  void anUnwritableDirectoryIsCountedNotThrown(@TempDir Path dir) throws Exception {
    Path notADir = Files.writeString(dir.resolve("file"), "x");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    HardExampleLog log = new HardExampleLog(notADir, 1 << 20, new CollaborationMetrics(meters));
    log.offer(example("cloud", null));
    log.offer(example("cloud", null));
    log.close();
    assertThat(meters.counter("edgewise.hard.examples.dropped", "reason", "io_error").count())
        .isEqualTo(2);
  }
}
