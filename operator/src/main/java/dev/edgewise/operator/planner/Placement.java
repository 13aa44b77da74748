package dev.edgewise.operator.planner;

/**
 * One edge runtime the plan puts on a node.
 *
 * @param node node name
 * @param pool pool the node was chosen from
 * @param latencyMs the node's latency label, or null
 * @param score node score from 0 to 100 (latency or response time, and free capacity); higher is
 *     better
 * @param disconnected the node is NotReady but within its pool's grace period
 * @param kept the placement existed before this plan
 */
public record Placement(
    String node, String pool, Double latencyMs, double score, boolean disconnected, boolean kept) {}
