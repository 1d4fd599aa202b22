package dev.warren.health;

import java.time.Instant;

/**
 * A persisted state change, for timelines.
 */
public record HealthEventView(long id, TargetKind kind, long targetId, String targetName, Long clusterId,
		HealthState from, HealthState to, Instant at, String detail) {

}
