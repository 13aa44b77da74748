package dev.edgewise.sandbox;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import java.net.InetAddress;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;

/**
 * The fabric8 mock API server in CRUD mode, listening on loopback, wrapped by {@link
 * SandboxDispatcher} so that kubectl and the operator can talk to it as to a cluster.
 */
public final class SandboxApiServer implements AutoCloseable {
  private final KubernetesMockServer server;
  private final SandboxDispatcher dispatcher;
  private final KubernetesClient client;

  private SandboxApiServer(KubernetesMockServer server, SandboxDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = server.createClient().inNamespace("default");
  }

  /** Starts a server on the loopback address; port 0 picks a free port. */
  public static SandboxApiServer start(int port) {
    SandboxDispatcher dispatcher =
        new SandboxDispatcher(new IndexedCrudDispatcher(), Clock.systemUTC());
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new StreamingWebServer(),
            new HashMap<>(),
            dispatcher,
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return new SandboxApiServer(server, dispatcher);
  }

  /** Creates the CRDs and turns on schema admission for their kinds. */
  public void installCrds(List<CustomResourceDefinition> crds, AdmissionControlFactory admission) {
    for (CustomResourceDefinition crd : crds) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      dispatcher.admit(crd.getSpec().getNames().getPlural(), admission.forCrd(crd));
    }
  }

  /** Writes handed to this server's dispatcher in this JVM, without HTTP. */
  ApiWrites inProcessWrites() {
    return new InProcessWrites(dispatcher);
  }

  /** The server's URL, such as {@code http://127.0.0.1:41234}. */
  public String url() {
    return "http://" + server.getHostName() + ":" + server.getPort();
  }

  /** A client for the sandbox, for the simulated cluster and for tests. */
  public KubernetesClient client() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  /** Builds the admission of one CRD's kind. */
  @FunctionalInterface
  public interface AdmissionControlFactory {
    AdmissionControl forCrd(CustomResourceDefinition crd);
  }
}
