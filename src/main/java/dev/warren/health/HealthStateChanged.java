package dev.warren.health;

import java.time.Instant;

/**
 * Published (Spring application event) whenever a node's, a balancer's or a cluster's
 * state changes, and persisted as a {@code health_event}.
 *
 * @param kind NODE, BALANCER or CLUSTER
 * @param id the server, balancer or cluster id
 * @param name its name in the inventory (for a node: the node name)
 * @param clusterId the cluster it belongs to (the cluster itself for CLUSTER),
 * {@code null} for a node in no cluster
 * @param from the previous state
 * @param to the new state
 * @param at when it changed
 * @param detail what the probe found (for a cluster: its summary)
 */
public record HealthStateChanged(TargetKind kind, long id, String name, Long clusterId, HealthState from,
		HealthState to, Instant at, String detail) {

}
