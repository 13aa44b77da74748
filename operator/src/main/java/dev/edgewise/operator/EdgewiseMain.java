package dev.edgewise.operator;

import dev.edgewise.operator.sandbox.Sandbox;
import dev.edgewise.operator.sandbox.SandboxLauncher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: runs the operator against the cluster of the current kubeconfig, or with {@code
 * --sandbox} against an embedded simulated cluster started first. With {@code --sandbox-only} it
 * runs the simulated cluster alone, without Quarkus or the operator, until killed.
 */
@QuarkusMain
public final class EdgewiseMain {

  private EdgewiseMain() {}

  public static void main(String... args) {
    Sandbox sandbox = SandboxLauncher.startIfAsked(args);
    if (sandbox != null && SandboxLauncher.sandboxOnly(args)) {
      SandboxLauncher.serveUntilKilled(sandbox, SandboxLauncher.Options.parse(args).kubeconfig());
      return;
    }
    try {
      Quarkus.run(args);
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }
}
