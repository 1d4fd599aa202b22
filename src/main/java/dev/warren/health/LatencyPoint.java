package dev.warren.health;

import java.time.Instant;

/**
 * One probe result, for the live latency chart.
 *
 * @param at when the probe finished
 * @param roundTripMs the round trip, {@code null} when it failed
 * @param state what the probe found
 */
public record LatencyPoint(Instant at, Long roundTripMs, HealthState state) {

}
