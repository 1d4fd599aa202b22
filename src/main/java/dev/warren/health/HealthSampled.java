package dev.warren.health;

import java.time.Instant;

/**
 * Published (Spring application event) after every node or balancer probe, so that live
 * charts can follow latency.
 *
 * @param kind NODE or BALANCER
 * @param id the server or balancer id
 * @param name the node name or balancer name
 * @param clusterId the cluster it belongs to, {@code null} for a node in no cluster
 * @param state the state after this probe
 * @param roundTripMs the round trip, {@code null} when the probe failed
 * @param at when the probe finished
 * @param detail what the probe found
 */
public record HealthSampled(TargetKind kind, long id, String name, Long clusterId, HealthState state, Long roundTripMs,
		Instant at, String detail) {

}
