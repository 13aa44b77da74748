package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.TensorSpec;
import dev.edgewise.runtime.serving.ModelRegistry;
import dev.edgewise.runtime.serving.RuntimeConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The Open Inference Protocol v2 metadata endpoints: server and model metadata (the served
 * version's signature) and model readiness. Inference, JSON or binary, takes {@link
 * InferenceRoute}; health probes {@link HealthRoute}.
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class InferenceResource {

  private final ModelRegistry registry;
  private final RuntimeConfig.ModelConfig model;
  private final ServedModel served;

  /** Creates the resource for the configured model. */
  public InferenceResource(ModelRegistry registry, RuntimeConfig config) {
    this.registry = registry;
    this.model = config.model();
    this.served = new ServedModel(registry, model.name());
  }

  /** Server metadata. */
  @GET
  public ServerMetadata server() {
    return new ServerMetadata(
        "edgewise-edge-runtime", "0.1.0", List.of("model_repository", "binary_tensor_data"));
  }

  /** Model metadata. */
  @GET
  @Path("/models/{name}")
  public ModelMetadata metadata(@PathParam("name") String name) {
    return metadataFor(loaded(name));
  }

  /** Metadata of one version. */
  @GET
  @Path("/models/{name}/versions/{version}")
  public ModelMetadata versionMetadata(
      @PathParam("name") String name, @PathParam("version") String version) {
    return metadataFor(loaded(name, version));
  }

  /** Model readiness. */
  @GET
  @Path("/models/{name}/ready")
  public Response modelReady(@PathParam("name") String name) {
    knownName(name);
    boolean ready = registry.ready();
    return Response.status(ready ? 200 : 503)
        .entity("{\"name\":\"" + name + "\",\"ready\":" + ready + "}")
        .build();
  }

  /** Version readiness. */
  @GET
  @Path("/models/{name}/versions/{version}/ready")
  public Response versionReady(
      @PathParam("name") String name, @PathParam("version") String version) {
    loaded(name, version);
    return Response.ok("{\"name\":\"" + name + "\",\"ready\":true}").build();
  }

  private void knownName(String name) {
    served.knownName(name);
  }

  private LoadedModel loaded(String name) {
    return served.loaded(name);
  }

  private LoadedModel loaded(String name, String version) {
    return served.loaded(name, version);
  }

  private ModelMetadata metadataFor(LoadedModel m) {
    return new ModelMetadata(
        model.name(),
        List.of(m.version()),
        switch (m.source().format()) {
          case TorchScript -> "pytorch_torchscript";
          case DJL -> "djl_pytorch";
          case Compressed -> "edgewise_compressed_pytorch";
        },
        tensors(m.signature().inputs()),
        tensors(m.signature().outputs()));
  }

  private static List<ModelMetadata.TensorMetadata> tensors(List<TensorSpec> specs) {
    return specs.stream()
        .map(t -> new ModelMetadata.TensorMetadata(t.name(), t.datatype().name(), t.shape()))
        .toList();
  }
}
