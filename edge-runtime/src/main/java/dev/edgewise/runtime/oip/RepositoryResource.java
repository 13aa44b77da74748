package dev.edgewise.runtime.oip;

import dev.edgewise.runtime.model.LoadedModel;
import dev.edgewise.runtime.model.ModelFormat;
import dev.edgewise.runtime.model.ModelLoadException;
import dev.edgewise.runtime.model.ModelSource;
import dev.edgewise.runtime.serving.ArtifactResolver;
import dev.edgewise.runtime.serving.ModelRegistry;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OIP model repository extension: list the served model and load a new version of it, which
 * loads beside the current version and takes over atomically once ready.
 */
@Path("/v2/repository")
@Produces(MediaType.APPLICATION_JSON)
public class RepositoryResource {

  private final ModelRegistry registry;
  private final ArtifactResolver resolver;

  /** Creates the resource. */
  public RepositoryResource(ModelRegistry registry, ArtifactResolver resolver) {
    this.registry = registry;
    this.resolver = resolver;
  }

  /** Lists the served model and its state. */
  @POST
  @Path("/index")
  public List<Map<String, String>> index() {
    String name = registry.modelName();
    return List.of(
        registry
            .current()
            .map(m -> Map.of("name", name, "version", m.version(), "state", "READY"))
            .orElse(Map.of("name", name, "state", "UNAVAILABLE")));
  }

  /** Loads a new version beside the current one, then switches to it. Blocks until done. */
  @POST
  @Path("/models/{name}/load")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> load(@PathParam("name") String name, LoadRequest request) {
    if (!registry.modelName().equals(name)) {
      throw OipException.notFound(
          "unknown model '" + name + "'; this server serves '" + registry.modelName() + "'");
    }
    if (request == null) {
      throw OipException.badRequest("load needs a body with uri (or path) and version");
    }
    if (request.version() == null || request.version().isBlank()) {
      throw OipException.badRequest("load needs a version");
    }
    Optional<String> sha = Optional.ofNullable(request.sha256()).filter(s -> !s.isBlank());
    java.nio.file.Path local;
    try {
      local = resolver.resolve(request.uri(), request.path(), sha);
    } catch (IllegalArgumentException e) {
      throw OipException.badRequest(e.getMessage());
    } catch (IOException e) {
      throw new OipException(422, "cannot fetch the artifact: " + e.getMessage());
    }
    ModelFormat format;
    try {
      format =
          request.format() == null ? ModelFormat.guess(local) : ModelFormat.parse(request.format());
    } catch (IllegalArgumentException e) {
      throw OipException.badRequest(e.getMessage());
    }
    try {
      LoadedModel m = registry.load(new ModelSource(name, request.version(), local, format, sha));
      return Map.of(
          "name",
          name,
          "version",
          m.version(),
          "digest",
          "sha256:" + m.digest(),
          "loadMillis",
          m.loadTime().toMillis());
    } catch (ModelLoadException e) {
      throw new OipException(422, e.getMessage());
    }
  }
}
