/**
 * The sandbox: an in-process Kubernetes API server (the fabric8 mock server in CRUD mode) holding a
 * simulated cluster, with discovery, printer-column tables and schema admission so that kubectl
 * works against it, and a simulated kubelet and controller manager that move Deployments, pods and
 * Jobs through their phases. It has no real scheduler, kubelet, admission webhooks or garbage
 * collection.
 *
 * <p>It is test machinery and ships in no image: the operator's tests use it as a test dependency,
 * and {@link dev.edgewise.sandbox.SandboxMain} runs it in a JVM of its own for {@code make run}.
 */
package dev.edgewise.sandbox;
