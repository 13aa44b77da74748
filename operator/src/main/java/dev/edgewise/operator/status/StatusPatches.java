package dev.edgewise.operator.status;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/**
 * The metadata of a status patch: the resource's name and namespace only. With a resource version
 * in it, a server-side apply of status is an optimistic lock, and any write since the informer's
 * copy (a user's {@code kubectl patch}, the operator's own last status) answers 409 and costs a
 * retry. Status is computed afresh from what the reconciliation observed, so the latest write is
 * the right one.
 */
public final class StatusPatches {
  private StatusPatches() {}

  /** Name and namespace of {@code resource}, nothing else. */
  public static ObjectMeta identity(HasMetadata resource) {
    return new ObjectMetaBuilder()
        .withName(resource.getMetadata().getName())
        .withNamespace(resource.getMetadata().getNamespace())
        .build();
  }
}
