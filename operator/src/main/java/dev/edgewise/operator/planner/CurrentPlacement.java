package dev.edgewise.operator.planner;

/**
 * A placement that exists already (read from the ModelDeployment's status or its workloads).
 *
 * @param node node name
 * @param pool pool the placement was made in
 */
public record CurrentPlacement(String node, String pool) {}
