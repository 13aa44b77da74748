import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.File;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A stand-in Kubernetes API server for {@code make image-smoke}: the fabric8 mock server in CRUD
 * mode on 127.0.0.1, holding the CRDs from a folder, that prints every request it answers
 * ("API GET /apis/...") so the smoke test can tell that the operator reached it.
 *
 * <p>Usage: {@code java -cp <operator lib/main/*> MockApiServer.java PORT [CRD_DIR]}; runs until
 * killed. Uses the fabric8 jars the operator image already carries.
 */
public final class MockApiServer {

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    KubernetesCrudDispatcher dispatcher =
        new KubernetesCrudDispatcher(List.of()) {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            MockResponse response = super.dispatch(request);
            System.out.println("API " + request.getMethod() + " " + request.getPath());
            return response;
          }
        };
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init(InetAddress.getByName("127.0.0.1"), port);

    File[] crds = args.length > 1 ? new File(args[1]).listFiles() : null;
    if (crds != null) {
      try (KubernetesClient client = server.createClient()) {
        for (File file : crds) {
          if (file.getName().endsWith(".yml") || file.getName().endsWith(".yaml")) {
            CustomResourceDefinition crd =
                client.apiextensions().v1().customResourceDefinitions().load(file).item();
            server.expectCustomResource(CustomResourceDefinitionContext.fromCrd(crd));
            client.resource(crd).create();
            System.out.println("CRD " + crd.getMetadata().getName());
          }
        }
      }
    }
    System.out.println("READY http://127.0.0.1:" + port);
    Thread.currentThread().join();
  }
}
