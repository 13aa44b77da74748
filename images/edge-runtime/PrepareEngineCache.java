import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Bakes the DJL PyTorch engine into the edge-runtime image, so that a pod starts with no network
 * and a read-only root filesystem.
 *
 * <p>{@code prepare STUB_JAR}: with {@code ENGINE_CACHE_DIR} set, loads the PyTorch engine (DJL
 * extracts the native libraries from the pytorch-native-cpu jar into that folder), runs one tensor
 * operation, then writes STUB_JAR: a jar with only {@code native/lib/pytorch.properties}, which
 * takes the place of the 112 MB native jar in the image (DJL reads the properties, finds the
 * libraries already in the cache and never opens the jar again).
 *
 * <p>{@code check}: loads the engine from the cache and runs one tensor operation; fails if DJL
 * had to extract or download anything. {@code make image-smoke} runs it inside the image.
 *
 * <p>Run with the edge runtime's class path: {@code java -cp ... PrepareEngineCache.java ...}.
 */
public final class PrepareEngineCache {

  private static final String PROPERTIES = "native/lib/pytorch.properties";

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("prepare") || args[0].equals("check"))) {
      System.err.println("usage: PrepareEngineCache prepare STUB_JAR | check");
      System.exit(2);
    }
    String cacheDir = System.getenv("ENGINE_CACHE_DIR");
    if (cacheDir == null || cacheDir.isBlank()) {
      throw new IllegalStateException("ENGINE_CACHE_DIR is not set");
    }
    if (args[0].equals("check") && !Files.isDirectory(Path.of(cacheDir, "pytorch"))) {
      throw new IllegalStateException("no baked PyTorch engine in " + cacheDir);
    }

    Engine engine = Engine.getEngine("PyTorch");
    try (NDManager manager = engine.newBaseManager()) {
      NDArray sum = manager.create(new float[] {1f, 2f, 3f}).sum();
      if (sum.getFloat() != 6f) {
        throw new IllegalStateException("PyTorch computed 1+2+3 = " + sum.getFloat());
      }
    }
    System.out.println(
        "PyTorch " + engine.getVersion() + " loaded from " + cacheDir + " (1+2+3 = 6)");

    if (args[0].equals("prepare")) {
      if (args.length != 2) {
        throw new IllegalArgumentException("prepare needs the stub jar path");
      }
      writeStub(Path.of(args[1]));
    }
  }

  private static void writeStub(Path stub) throws IOException {
    URL properties = PrepareEngineCache.class.getClassLoader().getResource(PROPERTIES);
    if (properties == null || !(properties.openConnection() instanceof JarURLConnection jar)) {
      throw new IllegalStateException(PROPERTIES + " not found in a jar on the class path");
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest
        .getMainAttributes()
        .putValue(
            "Edgewise-Note",
            "Stands in for "
                + jar.getJarFileURL().getPath().replaceAll(".*/", "")
                + "; the native libraries are in ENGINE_CACHE_DIR");
    Files.createDirectories(stub.toAbsolutePath().getParent());
    try (OutputStream file = Files.newOutputStream(stub);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = properties.openStream()) {
      out.putNextEntry(new JarEntry(PROPERTIES));
      in.transferTo(out);
      out.closeEntry();
    }
    System.out.println("Wrote " + stub);
  }
}
