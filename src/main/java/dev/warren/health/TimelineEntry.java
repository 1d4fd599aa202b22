package dev.warren.health;

import java.time.Instant;

/**
 * One line of the dashboard's timeline: a node, balancer or cluster changed state.
 *
 * @param kind what changed
 * @param id the server, balancer or cluster id
 * @param name the node, balancer or cluster name
 * @param clusterId the cluster it belongs to ({@code null} for a node in none)
 * @param from the state before
 * @param to the state after
 * @param at when
 * @param detail what the probe found (for a cluster: its summary)
 */
public record TimelineEntry(TargetKind kind, long id, String name, Long clusterId, HealthState from, HealthState to,
		Instant at, String detail) {

	static TimelineEntry of(HealthStateChanged changed) {
		return new TimelineEntry(changed.kind(), changed.id(), changed.name(), changed.clusterId(), changed.from(),
				changed.to(), changed.at(), changed.detail());
	}

	static TimelineEntry of(HealthEventView event) {
		return new TimelineEntry(event.kind(), event.targetId(), event.targetName(), event.clusterId(), event.from(),
				event.to(), event.at(), event.detail());
	}

	/** What happened, in words: "went DOWN", "came back UP", "alarm raised". */
	public String verb() {
		if (this.kind == TargetKind.CLUSTER) {
			return "is now " + ((this.detail != null) ? this.detail : this.to.name().toLowerCase());
		}
		return switch (this.to) {
			case UP -> switch (this.from) {
				case UNKNOWN -> "is UP";
				case DEGRADED -> "is UP again (alarm cleared)";
				default -> "came back UP";
			};
			case DEGRADED -> switch (this.from) {
				case UP -> "alarm raised (DEGRADED)";
				case UNKNOWN -> "is DEGRADED";
				default -> "answers again, DEGRADED";
			};
			case NOT_RESPONDING -> "is NOT RESPONDING";
			case DOWN -> "went DOWN";
			case UNKNOWN -> "is UNKNOWN";
		};
	}

	/** Whether this is bad news (for the line's colour). */
	public boolean worse() {
		return rank(this.to) > rank(this.from);
	}

	private static int rank(HealthState state) {
		return switch (state) {
			case UP -> 0;
			case UNKNOWN -> 1;
			case DEGRADED -> 2;
			case NOT_RESPONDING, DOWN -> 3;
		};
	}

}
