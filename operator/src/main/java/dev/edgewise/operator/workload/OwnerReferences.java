package dev.edgewise.operator.workload;

import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/** The controller owner reference that ties a workload to its ModelDeployment, and its metadata. */
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

  /**
   * The metadata of a workload {@code md} owns: its name, {@code md}'s namespace, the labels and
   * the controller reference.
   */
  public static ObjectMetaBuilder ownedMetadata(
      ModelDeployment md, String name, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(md.getMetadata().getNamespace())
        .withLabels(labels)
        .withOwnerReferences(controlledBy(md));
  }
}
