package dev.edgewise.operator.deployment;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * How the operator creates and updates the objects it owns. Through a reconciliation's {@link
 * Context}, JOSDK caches what was written and keeps the informer from reporting the operator's own
 * write back as a change (a create used to trigger one more reconciliation of its owner, which
 * found nothing to do); through a plain client, for tests that drive an applier without an
 * operator. On a real cluster both creates and updates are server-side applies: the operator states
 * the fields it owns, with no resource version, so a Deployment whose status the Deployment
 * controller just wrote is not a conflict (a plain update of the informer's copy answers 409 then).
 */
interface OwnWrites {
  <R extends HasMetadata> R create(R resource);

  /**
   * Creates an object the operator never updates afterwards (a Service), with a plain create even
   * when server-side apply is on: nothing can conflict with a create, and on kube-apiserver 1.36 a
   * server-side apply that creates a Service took 8.7 s at the median under load against 0.27 s for
   * a create, with a quarter answered 504 (make scale-local, BENCHMARKS-scale.md).
   */
  <R extends HasMetadata> R createOnce(R resource);

  <R extends HasMetadata> R update(R resource);

  /**
   * Writes through the reconciliation's informers (JOSDK's {@code ResourceOperations}), with
   * server-side apply when {@code serverSideApply}.
   */
  static OwnWrites of(Context<?> context, boolean serverSideApply) {
    if (serverSideApply) {
      return new OwnWrites() {
        @Override
        public <R extends HasMetadata> R create(R resource) {
          return apply(resource);
        }

        @Override
        public <R extends HasMetadata> R createOnce(R resource) {
          return context.resourceOperations().create(resource);
        }

        @Override
        public <R extends HasMetadata> R update(R resource) {
          return apply(resource);
        }

        private <R extends HasMetadata> R apply(R resource) {
          resource.getMetadata().setResourceVersion(null);
          return context.resourceOperations().serverSideApply(resource);
        }
      };
    }
    return new OwnWrites() {
      @Override
      public <R extends HasMetadata> R create(R resource) {
        return context.resourceOperations().create(resource);
      }

      @Override
      public <R extends HasMetadata> R createOnce(R resource) {
        return create(resource);
      }

      @Override
      public <R extends HasMetadata> R update(R resource) {
        return context.resourceOperations().update(resource);
      }
    };
  }

  /** Writes with a plain client. */
  static OwnWrites of(KubernetesClient client) {
    return new OwnWrites() {
      @Override
      public <R extends HasMetadata> R create(R resource) {
        return client.resource(resource).create();
      }

      @Override
      public <R extends HasMetadata> R createOnce(R resource) {
        return create(resource);
      }

      @Override
      public <R extends HasMetadata> R update(R resource) {
        return client.resource(resource).update();
      }
    };
  }
}
