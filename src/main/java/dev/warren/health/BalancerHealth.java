package dev.warren.health;

import java.time.Instant;

/**
 * The live state of one balancer: a TCP connect and an AMQP round trip through its listen
 * address and port.
 *
 * @param id the balancer in the inventory
 * @param name its name
 * @param state the current state
 * @param since when the state last changed (or monitoring started)
 * @param roundTripMs the last round trip through it (TCP connect only when no AMQP login
 * is available, see {@code detail})
 * @param detail what the last probe found, for a person
 * @param clusterId the cluster it fronts
 * @param address {@code host:port} that is probed
 * @param lastProbeAt when the last probe finished, {@code null} before the first
 */
public record BalancerHealth(long id, String name, HealthState state, Instant since, Long roundTripMs, String detail,
		long clusterId, String address, Instant lastProbeAt) {

}
