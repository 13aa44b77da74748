package dev.edgewise.operator.deployment;

import dev.edgewise.api.Conditions;
import dev.edgewise.api.v1alpha1.CollaborationMode;
import dev.edgewise.api.v1alpha1.CompressionMethod;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentSpec;
import dev.edgewise.api.v1alpha1.Phase;
import dev.edgewise.operator.workload.WorkloadNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks on a ModelDeployment that the CRD schema cannot express; each names the field. Pure. The
 * schema (with its CEL rules) already rejects the rest at admission.
 */
public final class SpecChecks {
  private SpecChecks() {}

  /** The problems of a ModelDeployment (its name, then its spec), empty when it is valid. */
  public static List<String> problems(ModelDeployment md) {
    List<String> problems = new ArrayList<>();
    String name = md.getMetadata().getName();
    if (name != null && WorkloadNames.collidesWithCloudRuntimes(name)) {
      problems.add(
          "metadata.name: '"
              + name
              + "' must not be 'cloud' or start with '"
              + WorkloadNames.CLOUD_PREFIX
              + "': Edgewise names the cloud runtime of joint inference of a ModelDeployment <md>"
              + " '"
              + WorkloadNames.CLOUD_PREFIX
              + "<md>' (Deployment and Service), and the Service '"
              + WorkloadNames.service(name)
              + "' and Deployments '"
              + WorkloadNames.service(name)
              + "-<node>"
              + "' of this one could take such a name; choose another name");
    }
    problems.addAll(problems(md.getSpec()));
    return problems;
  }

  /** The problems of a spec, empty when it is valid. */
  public static List<String> problems(ModelDeploymentSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec.getRollout() != null && spec.getRollout().getSteps() != null) {
      List<Integer> steps = spec.getRollout().getSteps();
      for (int i = 1; i < steps.size(); i++) {
        if (steps.get(i) <= steps.get(i - 1)) {
          problems.add(
              "spec.rollout.steps: must increase, but step "
                  + i
                  + " ("
                  + steps.get(i)
                  + "%) is not above the one before it ("
                  + steps.get(i - 1)
                  + "%)");
          break;
        }
      }
    }
    if (spec.getCompression() != null
        && spec.getCompression().getMethod() != CompressionMethod.None) {
      String input =
          spec.getTraining() != null
              ? spec.getTraining().getOutputUri()
              : spec.getModel() == null ? null : spec.getModel().getUri();
      String field = spec.getTraining() != null ? "spec.training.outputUri" : "spec.model.uri";
      if (input != null && !isMounted(input)) {
        problems.add(
            field
                + ": compression reads its input from a volume, so it must be a pvc:// or file://"
                + " location, not "
                + input);
      }
      String data = spec.getCompression().getEvaluationDataUri();
      if (data != null && !isMounted(data)) {
        problems.add(
            "spec.compression.evaluationDataUri: must be a pvc:// or file:// location, not "
                + data);
      }
    }
    if (spec.getCollaboration() != null
        && spec.getCollaboration().getMode() == CollaborationMode.JointInference
        && spec.getCollaboration().getCloudReplicas() != null
        && spec.getCollaboration().getCloudReplicas() == 0) {
      problems.add(
          "spec.collaboration.cloudReplicas: JointInference needs at least one cloud replica");
    }
    return problems;
  }

  private static boolean isMounted(String uri) {
    return uri.startsWith("pvc://") || uri.startsWith("file://");
  }

  /** Throws the ModelDeployment's problems as one typed problem. */
  public static void validate(ModelDeployment md) throws ReconcileProblem {
    List<String> problems = problems(md);
    if (!problems.isEmpty()) {
      throw new ReconcileProblem(
          Conditions.READY, "InvalidSpec", Phase.Failed, String.join("; ", problems));
    }
  }
}
