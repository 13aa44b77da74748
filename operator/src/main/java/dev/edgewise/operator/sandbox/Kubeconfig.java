package dev.edgewise.operator.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig whose current context is the sandbox, so kubectl talks to it. */
public final class Kubeconfig {
  public static final String CONTEXT = "edgewise-sandbox";

  private Kubeconfig() {}

  public static Path write(Path file, String serverUrl) {
    String yaml =
        """
        # Written by the Edgewise sandbox; valid while `make run` is running.
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
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the sandbox kubeconfig " + file, e);
    }
  }
}
