package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.batching.BatcherClosedException;
import dev.edgewise.runtime.batching.QueueFullException;
import dev.edgewise.runtime.collaboration.JointInference;
import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.Matrix;
import dev.edgewise.runtime.serving.ModelRegistry;
import dev.edgewise.runtime.serving.RuntimeConfig;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The Open Inference Protocol v2 endpoints: server and model metadata, and inference with the
 * binary tensor data extension (JSON inference requests take the leaner {@link InferenceRoute},
 * health probes {@link HealthRoute}). The inference call does not block an I/O thread: it completes
 * when {@link JointInference} has the answer (the batcher's rows, and the cloud's for hard rows
 * when configured).
 */
@Path("/v2")
@Produces(MediaType.APPLICATION_JSON)
public class InferenceResource {

  private final ModelRegistry registry;
  private final JointInference joint;
  private final RuntimeConfig.ModelConfig model;
  private final TensorCodec codec;
  private final ServedModel served;

  /** Creates the resource for the configured model. */
  public InferenceResource(ModelRegistry registry, JointInference joint, RuntimeConfig config) {
    this.registry = registry;
    this.joint = joint;
    this.model = config.model();
    this.served = new ServedModel(registry, model.name());
    this.codec = TensorCodec.forConfig(config);
  }

  /** Server metadata. */
  @GET
  public ServerMetadata server() {
    return new ServerMetadata("edgewise-edge-runtime", "0.1.0", List.of("model_repository"));
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

  /** Inference with the binary tensor data extension (JSON header, then raw values). */
  @POST
  @Path("/models/{name}/infer")
  @Consumes(MediaType.APPLICATION_OCTET_STREAM)
  public CompletionStage<InferenceResponse> inferBinary(
      @PathParam("name") String name,
      @HeaderParam(BinaryTensors.HEADER_LENGTH) Integer headerLength,
      byte[] body) {
    loaded(name);
    return run(BinaryTensors.decode(body, headerLength));
  }

  private CompletionStage<InferenceResponse> run(InferenceRequest request) {
    Matrix input = codec.decode(request);
    String id = request.id();
    try {
      return joint
          .infer(input, id)
          .thenApply(a -> codec.encode(id, a.modelVersion(), a.output(), a.parameters()));
    } catch (QueueFullException | BatcherClosedException e) {
      throw new OipException(503, e.getMessage(), ServedModel.RETRY_AFTER_SECONDS);
    }
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
        List.of(
            new ModelMetadata.TensorMetadata(
                model.inputName(), "FP32", new long[] {-1, m.inputFeatures()})),
        List.of(
            new ModelMetadata.TensorMetadata(
                model.outputName(), "FP32", new long[] {-1, m.outputFeatures()})));
  }
}
