package dev.edgewise.runtime.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** SHA-256 digests of files and model directories, as lowercase hex. */
public final class Digests {

  private Digests() {}

  /** A fresh SHA-256 digest (always available on a JDK). */
  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** Lowercase hex SHA-256 of a byte array. */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  /**
   * Lowercase hex SHA-256 of a file, or of a directory (each regular file's relative path and
   * content, in sorted order).
   */
  public static String sha256Hex(Path path) throws IOException {
    MessageDigest md = sha256();
    if (Files.isDirectory(path)) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(path)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path f : files) {
        md.update(path.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        update(md, f);
      }
    } else {
      update(md, path);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Size in bytes of a file, or the sum over a directory's regular files. */
  public static long sizeOf(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return Files.size(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      long total = 0;
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }

  private static void update(MessageDigest md, Path file) throws IOException {
    byte[] buf = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
  }
}
