package dev.edgewise.operator.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;

/**
 * An informer event source that hands every add, update and delete to a listener before the SDK
 * filters it and maps it to the primary resources it triggers, so that a cache derived from the
 * informer is current by the time those reconciliations run.
 */
public final class NotifyingInformerEventSource<R extends HasMetadata, P extends HasMetadata>
    extends InformerEventSource<R, P> {
  private final ResourceEventHandler<R> listener;

  public NotifyingInformerEventSource(
      InformerEventSourceConfiguration<R> configuration,
      EventSourceContext<P> context,
      ResourceEventHandler<R> listener) {
    super(configuration, context);
    this.listener = listener;
  }

  @Override
  public void onAdd(R resource) {
    listener.onAdd(resource);
    super.onAdd(resource);
  }

  @Override
  public void onUpdate(R before, R now) {
    listener.onUpdate(before, now);
    super.onUpdate(before, now);
  }

  @Override
  public synchronized void onDelete(R resource, boolean deletedFinalStateUnknown) {
    listener.onDelete(resource, deletedFinalStateUnknown);
    super.onDelete(resource, deletedFinalStateUnknown);
  }
}
