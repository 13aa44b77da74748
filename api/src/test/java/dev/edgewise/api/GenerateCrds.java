package dev.edgewise.api;

import dev.edgewise.api.v1alpha1.EdgeNodePool;
import dev.edgewise.api.v1alpha1.ModelDeployment;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the CustomResourceDefinitions generated from the API types. {@code make crds} runs it with
 * {@code crds/} and {@code charts/edgewise/crds/}; {@link CrdsUpToDateTest} runs it into a
 * temporary directory and compares.
 */
public final class GenerateCrds {
  /** The resource classes whose CRDs Edgewise ships. */
  public static final List<Class<?>> RESOURCES = List.of(EdgeNodePool.class, ModelDeployment.class);

  private GenerateCrds() {}

  /** Generates the CRD files into {@code dir} and returns their paths, sorted. */
  public static List<Path> generate(Path dir) throws IOException {
    Files.createDirectories(dir);
    new CRDGenerator()
        .inOutputDir(dir.toFile())
        .forCRDVersions("v1")
        .customResourceClasses(RESOURCES.toArray(Class[]::new))
        .detailedGenerate();
    for (Class<?> resource : RESOURCES) {
      PrinterColumnOrder.restoreDeclaredOrder(resource, dir.resolve(fileName(resource)));
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith("-v1.yml")).sorted().toList();
    }
  }

  /** The file name the generator gives a resource's CRD. */
  static String fileName(Class<?> resource) {
    return HasMetadata.getFullResourceName(resource.asSubclass(HasMetadata.class)) + "-v1.yml";
  }

  /** Generates into the first directory and copies the files into the others. */
  public static void main(String[] args) throws IOException {
    if (args.length == 0) {
      throw new IllegalArgumentException("usage: GenerateCrds <output dir>...");
    }
    List<Path> generated = generate(Path.of(args[0]));
    for (int i = 1; i < args.length; i++) {
      Path target = Files.createDirectories(Path.of(args[i]));
      for (Path file : generated) {
        Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    generated.forEach(f -> System.out.println("wrote " + f.getFileName()));
  }
}
