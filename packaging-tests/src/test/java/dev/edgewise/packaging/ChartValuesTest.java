package dev.edgewise.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** values.yaml documents itself: every key has a comment line right above it. */
class ChartValuesTest {

  private static final Pattern KEY = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9]*:.*");

  @Test
  void everyKeyHasACommentAboveIt() throws Exception {
    List<String> lines = Files.readAllLines(Chart.dir().resolve("values.yaml"));
    List<String> undocumented = new ArrayList<>();

    for (int i = 0; i < lines.size(); i++) {
      if (KEY.matcher(lines.get(i)).matches()) {
        String above = i == 0 ? "" : lines.get(i - 1).trim();
        if (!above.startsWith("#")) {
          undocumented.add((i + 1) + ": " + lines.get(i).trim());
        }
      }
    }

    assertThat(undocumented).as("keys without a comment line above them").isEmpty();
  }
}
