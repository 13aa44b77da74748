package dev.edgewise.operator;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point: runs the operator against the cluster of the current kubeconfig. The sandbox cluster
 * of {@code make run} is not in this jar: it is the {@code edgewise-sandbox} module, run in a JVM
 * of its own ({@code dev.edgewise.sandbox.SandboxMain}).
 */
@QuarkusMain
public final class EdgewiseMain {

  private EdgewiseMain() {}

  public static void main(String... args) {
    Quarkus.run(args);
  }
}
