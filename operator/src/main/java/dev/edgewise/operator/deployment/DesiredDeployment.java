package dev.edgewise.operator.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.function.Supplier;

/**
 * A Deployment the cluster should hold, by name, with how to build it and the inputs that decide it
 * entirely. When those inputs are the same as when the existing Deployment was last written, the
 * {@link WorkloadApplier} leaves it alone without building it again ({@link SpecHashMemo}).
 *
 * @param name the Deployment's name
 * @param inputs everything the built Deployment depends on, with value equality; null when not
 *     known, and the Deployment is then always built and compared
 * @param build builds the Deployment
 */
record DesiredDeployment(String name, Object inputs, Supplier<Deployment> build) {

  /** A Deployment already built, compared by its hash every time. */
  static DesiredDeployment of(Deployment deployment) {
    return new DesiredDeployment(deployment.getMetadata().getName(), null, () -> deployment);
  }
}
