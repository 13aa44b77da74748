/**
 * The sandbox: an in-process Kubernetes API server (the fabric8 mock server in CRUD mode) holding a
 * simulated cluster, with discovery, printer-column tables and schema admission so that kubectl
 * works against it, and a simulated kubelet and controller manager that move Deployments, pods and
 * Jobs through their phases. It has no real scheduler, kubelet, admission webhooks or garbage
 * collection.
 */
package dev.edgewise.operator.sandbox;
