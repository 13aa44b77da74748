package dev.edgewise.operator;

import dev.edgewise.operator.sandbox.Sandbox;
import dev.edgewise.operator.sandbox.SandboxLauncher;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: runs the operator against the cluster of the current kubeconfig, or with {@code
 * --sandbox} against an embedded simulated cluster started first.
 */
@QuarkusMain
public final class EdgewiseMain implements QuarkusApplication {

  public static void main(String... args) {
    Sandbox sandbox = SandboxLauncher.startIfAsked(args);
    try {
      Quarkus.run(EdgewiseMain.class, args);
    } finally {
      if (sandbox != null) {
        sandbox.close();
      }
    }
  }

  @Override
  public int run(String... args) {
    Quarkus.waitForExit();
    return 0;
  }
}
