package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

/** The controller owner reference that ties a workload to its ModelDeployment. */
public final class OwnerReferences {
  private OwnerReferences() {}

  /** A controller reference to the ModelDeployment, blocking its deletion until the GC ran. */
  public static OwnerReference controlledBy(ModelDeployment md) {
    return new OwnerReferenceBuilder()
        .withApiVersion(md.getApiVersion())
        .withKind(md.getKind())
        .withName(md.getMetadata().getName())
        .withUid(md.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }
}
