package dev.edgewise.operator;

import dev.edgewise.operator.sandbox.Sandbox;
import dev.edgewise.operator.sandbox.SandboxLauncher;
import io.javaoperatorsdk.operator.Operator;
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

  private final Operator operator;

  public EdgewiseMain(Operator operator) {
    this.operator = operator;
  }

  /** Starts the reconcilers (QOSDK leaves that to an application that has its own main). */
  @Override
  public int run(String... args) {
    operator.start();
    Quarkus.waitForExit();
    operator.stop();
    return 0;
  }
}
