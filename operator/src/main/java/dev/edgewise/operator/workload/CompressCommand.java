package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.CompressionSpec;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments of the edge runtime's {@code compress} command, built in this one place: {@code
 * compress --in <uri> --method <m> [--sparsity s] [--eval-data <uri>] --max-drop <d> --out
 * /artifacts/<md>/<version>}. pvc:// URIs become the file:// paths where the Job mounts the claims.
 */
public final class CompressCommand {
  public static final String ARTIFACTS_PATH = "/artifacts";

  /** The edge-runtime image's tools entry point (the image's own entry point is the server). */
  public static final List<String> TOOLS_COMMAND =
      List.of(
          "/opt/java/openjdk/bin/java",
          "-cp",
          "/deployments/app/*:/deployments/lib/boot/*:/deployments/lib/main/*",
          "dev.edgewise.runtime.tools.Tools");

  public static final double DEFAULT_MAX_DROP = 1.0;

  /** Where the tool also writes its manifest, so the operator reads it from the pod's status. */
  public static final String TERMINATION_LOG = "/dev/termination-log";

  private CompressCommand() {}

  /** The container arguments. */
  public static List<String> args(ModelDeployment md, String inputUri) {
    CompressionSpec compression = md.getSpec().getCompression();
    List<String> args = new ArrayList<>();
    args.add("compress");
    args.add("--in");
    args.add(PvcUri.inJob(inputUri));
    args.add("--method");
    args.add(compression.getMethod().name());
    if (compression.getSparsity() != null) {
      args.add("--sparsity");
      args.add(String.valueOf(compression.getSparsity()));
    }
    if (compression.getEvaluationDataUri() != null) {
      args.add("--eval-data");
      args.add(PvcUri.inJob(compression.getEvaluationDataUri()));
    }
    // The spec speaks in percentage points, the tool in fractions of 1.
    double maxDropPoints =
        compression.getMaxAccuracyDrop() == null
            ? DEFAULT_MAX_DROP
            : compression.getMaxAccuracyDrop();
    args.add("--max-drop");
    args.add(String.valueOf(maxDropPoints / 100.0));
    args.add("--termination-log");
    args.add(TERMINATION_LOG);
    args.add("--out");
    args.add(outputPath(md));
    return args;
  }

  /** Where the Job writes the artifact and its manifest: {@code /artifacts/<md>/<version>}. */
  public static String outputPath(ModelDeployment md) {
    return ARTIFACTS_PATH
        + "/"
        + md.getMetadata().getName()
        + "/"
        + md.getSpec().getModel().getVersion();
  }
}
