package dev.warren.drill;

/**
 * What to drill: the node to stop, the balancer to send traffic through (may be omitted
 * when only one fronts the cluster) and how long the node stays stopped (the default when
 * omitted).
 */
public record DrillRequest(Long serverId, Long balancerId, Integer waitSeconds) {

}
