package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * The simulated kubelet's writes handed to the sandbox API server's dispatcher in this JVM, as the
 * requests a client would send (same paths, bodies, admission, watch events and errors) but without
 * HTTP. Over loopback each write costs two thread hand-offs (to the server's event loop and back);
 * on a loaded machine each waited for a CPU, about 30 ms a call at load 7-16 (JFR, make scale), and
 * the kubelet makes its calls one after the other, thousands per run.
 */
final class InProcessWrites implements ApiWrites {
  private static final Headers JSON =
      Headers.builder().add("Content-Type", "application/json").build();

  private final Dispatcher dispatcher;

  InProcessWrites(Dispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void create(HasMetadata resource) {
    send(HttpMethod.POST, collectionPath(resource), resource);
  }

  @Override
  public void updateStatus(HasMetadata resource) {
    send(
        HttpMethod.PUT,
        collectionPath(resource) + "/" + resource.getMetadata().getName() + "/status",
        resource);
  }

  private void send(HttpMethod method, String path, HasMetadata resource) {
    MockResponse response =
        dispatcher.dispatch(
            new RecordedRequest(
                "HTTP/1.1",
                method,
                path,
                JSON,
                new Buffer().writeUtf8(Serialization.asJson(resource))));
    if (response.code() >= 300) {
      throw new KubernetesClientException(
          method + " " + path + ": " + response.code() + " " + response.getBody().readUtf8(),
          response.code(),
          null);
    }
  }

  /** {@code /api/v1/namespaces/ns/pods}, {@code /apis/apps/v1/namespaces/ns/deployments}. */
  static String collectionPath(HasMetadata resource) {
    String apiVersion = resource.getApiVersion();
    String namespace = resource.getMetadata().getNamespace();
    return (apiVersion.contains("/") ? "/apis/" : "/api/")
        + apiVersion
        + (namespace == null ? "" : "/namespaces/" + namespace)
        + "/"
        + HasMetadata.getPlural(resource.getClass());
  }
}
