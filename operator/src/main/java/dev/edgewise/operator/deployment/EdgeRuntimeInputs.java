package dev.edgewise.operator.deployment;

import dev.edgewise.api.v1alpha1.ArtifactStatus;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import dev.edgewise.api.v1alpha1.ModelDeploymentSpec;
import dev.edgewise.operator.planner.Placement;
import dev.edgewise.operator.planner.PoolSettings;
import dev.edgewise.operator.workload.RuntimeSettings;

/**
 * Everything an edge runtime Deployment ({@link
 * dev.edgewise.operator.workload.EdgeRuntimeDeployment}) is built from, with value equality: the
 * ModelDeployment's identity and spec, the placement, its pool's settings, the operator's runtime
 * settings and the artifact served. Two equal inputs build the same Deployment, which is what lets
 * {@link SpecHashMemo} skip the build.
 */
record EdgeRuntimeInputs(
    String apiVersion,
    String namespace,
    String name,
    String uid,
    ModelDeploymentSpec spec,
    String node,
    String pool,
    PoolSettings poolSettings,
    RuntimeSettings settings,
    String version,
    String uri,
    String digest) {

  static EdgeRuntimeInputs of(
      ModelDeployment md,
      Placement placement,
      PoolSettings poolSettings,
      RuntimeSettings settings,
      ArtifactStatus artifact) {
    return new EdgeRuntimeInputs(
        md.getApiVersion(),
        md.getMetadata().getNamespace(),
        md.getMetadata().getName(),
        md.getMetadata().getUid(),
        md.getSpec(),
        placement.node(),
        placement.pool(),
        poolSettings,
        settings,
        artifact.getVersion(),
        artifact.getUri(),
        artifact.getDigest());
  }
}
