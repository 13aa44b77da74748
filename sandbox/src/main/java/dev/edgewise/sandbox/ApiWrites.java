package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The writes the {@link SimulatedKubelet} makes for every pod and Deployment it runs: creating a
 * pod, updating the status of a pod or a Deployment. Over a client they are HTTP calls; inside the
 * sandbox they go straight to the API server's dispatcher ({@link InProcessWrites}).
 */
interface ApiWrites {
  /** Creates the resource (in its namespace); fails with a KubernetesClientException. */
  void create(HasMetadata resource);

  /**
   * Replaces the resource's status; fails with a KubernetesClientException (as the mock server
   * answers a client).
   */
  void updateStatus(HasMetadata resource);

  /** The writes as calls of {@code client}. */
  static ApiWrites over(KubernetesClient client) {
    return new ApiWrites() {
      @Override
      public void create(HasMetadata resource) {
        client.resource(resource).create();
      }

      @Override
      public void updateStatus(HasMetadata resource) {
        client.resource(resource).updateStatus();
      }
    };
  }
}
