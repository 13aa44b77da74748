package dev.edgewise.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fails when the checked-in CRDs differ from what the API types generate. */
class CrdsUpToDateTest {
  private static final Path ROOT = Path.of(System.getProperty("repository.root", ".."));

  @Test
  void checkedInCrdsMatchTheGeneratedOnes(@TempDir Path generatedDir) throws IOException {
    List<Path> generated = GenerateCrds.generate(generatedDir);
    assertThat(generated).hasSize(GenerateCrds.RESOURCES.size());
    for (Path copyDir : List.of(ROOT.resolve("crds"), ROOT.resolve("charts/edgewise/crds"))) {
      for (Path file : generated) {
        Path checkedIn = copyDir.resolve(file.getFileName());
        assertThat(checkedIn)
            .as("%s is missing: run `make crds` and commit the result", checkedIn)
            .exists();
        assertThat(Files.readString(checkedIn))
            .as("%s is out of date with the API types: run `make crds` and commit it", checkedIn)
            .isEqualTo(Files.readString(file));
      }
    }
  }
}
