package dev.edgewise.operator.deployment;

/**
 * What the edge runtime on one node runs now, read from its Deployment.
 *
 * @param node node name
 * @param version model version the Deployment serves
 * @param ready the Deployment's runtime is ready on that version
 */
public record RunningRuntime(String node, String version, boolean ready) {}
