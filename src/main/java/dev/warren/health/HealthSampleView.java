package dev.warren.health;

import java.time.Instant;

/**
 * Probe results of one target in one time bucket ({@code warren.health.sample-resolution}
 * long).
 *
 * @param bucketStart where the bucket starts
 * @param count probes in the bucket
 * @param failures of them, those that did not answer (DOWN, NOT_RESPONDING, UNKNOWN)
 * @param minRoundTripMs shortest round trip of the answered probes ({@code null} when
 * none answered)
 * @param avgRoundTripMs their average
 * @param maxRoundTripMs their longest
 */
public record HealthSampleView(TargetKind kind, long targetId, Instant bucketStart, int count, int failures,
		Long minRoundTripMs, Long avgRoundTripMs, Long maxRoundTripMs) {

}
