package dev.edgewise.operator.deployment;

import dev.edgewise.operator.workload.CompressCommand;
import dev.edgewise.operator.workload.RuntimeSettings;

/**
 * Where edge runtimes download an artifact a compression Job wrote under {@code /artifacts}: the
 * artifacts claim as a {@code pvc://} URI.
 */
public final class ArtifactLocations {
  /** The claim name when the operator configures none (the sandbox). */
  public static final String DEFAULT_CLAIM = "edgewise-artifacts";

  private ArtifactLocations() {}

  /** {@code pvc://<claim>/<md>/<version>/<file>} for a file in the Job's output directory. */
  public static String uriOf(RuntimeSettings settings, String outputPath, String file) {
    String claim = settings.artifactsClaim() == null ? DEFAULT_CLAIM : settings.artifactsClaim();
    String relative = outputPath.substring(CompressCommand.ARTIFACTS_PATH.length());
    return "pvc://" + claim + relative + "/" + file;
  }
}
