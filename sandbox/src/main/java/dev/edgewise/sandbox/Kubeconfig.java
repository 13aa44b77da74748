package dev.edgewise.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes a kubeconfig whose current context is the sandbox, so kubectl talks to it. */
public final class Kubeconfig {
  public static final String CONTEXT = "edgewise-sandbox";

  private Kubeconfig() {}

  public static Path write(Path file, String serverUrl) {
    String yaml =
        """
        # Written by the Edgewise sandbox; valid while it runs (make run).
        apiVersion: v1
        kind: Config
        clusters:
          - name: %1$s
            cluster:
              server: %2$s
        users:
          - name: sandbox-admin
            user:
              token: sandbox
        contexts:
          - name: %1$s
            context:
              cluster: %1$s
              user: sandbox-admin
              namespace: default
        current-context: %1$s
        """
            .formatted(CONTEXT, serverUrl);
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      // Written beside, then moved: whoever waits for the file (make run) never reads half of it.
      Path partial = Files.createTempFile(dir, ".kubeconfig", ".partial");
      Files.writeString(partial, yaml);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox kubeconfig " + file, e);
    }
  }
}
