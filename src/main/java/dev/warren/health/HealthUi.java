package dev.warren.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import dev.warren.balancer.EjectedNodes;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How states look on the pages ({@code ${@healthUi.badge(node.state)}}): a colour and an
 * icon for each, so that a state never depends on colour alone, and times both relative
 * and exact.
 */
@Component("healthUi")
public class HealthUi {

	private final ObjectProvider<EjectedNodes> ejections;

	HealthUi(ObjectProvider<EjectedNodes> ejections) {
		this.ejections = ejections;
	}

	/** Whether Warren has taken this node out of its cluster's balancers (issue 11). */
	public boolean ejected(NodeHealth node) {
		EjectedNodes source = this.ejections.getIfAvailable();
		return source != null && node.clusterId() != null && source.ejected(node.clusterId()).contains(node.serverId());
	}

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter EXACT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	public String label(HealthState state) {
		return (state != null) ? state.name().replace('_', ' ') : "UNKNOWN";
	}

	/** Bootstrap background for a state's badge. */
	public String badge(HealthState state) {
		if (state == null) {
			return "text-bg-secondary";
		}
		return switch (state) {
			case UP -> "text-bg-success";
			case DEGRADED -> "text-bg-warning";
			case NOT_RESPONDING -> "state-bg-not-responding";
			case DOWN -> "text-bg-danger";
			case UNKNOWN -> "text-bg-secondary";
		};
	}

	public String icon(HealthState state) {
		if (state == null) {
			return "bi-question-circle-fill";
		}
		return switch (state) {
			case UP -> "bi-check-circle-fill";
			case DEGRADED -> "bi-exclamation-triangle-fill";
			case NOT_RESPONDING -> "bi-hourglass-split";
			case DOWN -> "bi-x-octagon-fill";
			case UNKNOWN -> "bi-question-circle-fill";
		};
	}

	/** A cluster's status (healthy, degraded, partitioned, down, unknown, standalone). */
	public String statusBadge(String status) {
		return switch (String.valueOf(status)) {
			case "healthy" -> "text-bg-success";
			case "degraded" -> "text-bg-warning";
			case "partitioned" -> "state-bg-not-responding";
			case "down" -> "text-bg-danger";
			case "standalone" -> "text-bg-light border";
			default -> "text-bg-secondary";
		};
	}

	public String statusIcon(String status) {
		return switch (String.valueOf(status)) {
			case "healthy" -> "bi-check-circle-fill";
			case "degraded" -> "bi-exclamation-triangle-fill";
			case "partitioned" -> "bi-scissors";
			case "down" -> "bi-x-octagon-fill";
			case "standalone" -> "bi-dash-circle";
			default -> "bi-question-circle-fill";
		};
	}

	/** "12 s ago", "3 min ago"; the pages' script keeps it current. */
	public String ago(Instant instant) {
		if (instant == null) {
			return "—";
		}
		long seconds = Math.max(0, Duration.between(instant, Instant.now()).toSeconds());
		if (seconds < 5) {
			return "just now";
		}
		if (seconds < 60) {
			return seconds + " s ago";
		}
		if (seconds < 3600) {
			return (seconds / 60) + " min ago";
		}
		if (seconds < 86400) {
			return (seconds / 3600) + " h ago";
		}
		return (seconds / 86400) + " d ago";
	}

	public String iso(Instant instant) {
		return (instant != null) ? instant.toString() : "";
	}

	public String exact(Instant instant) {
		return (instant != null) ? EXACT.format(instant) + " UTC" : "";
	}

	public String clock(Instant instant) {
		return (instant != null) ? CLOCK.format(instant) : "";
	}

	public String bytes(Long bytes) {
		if (bytes == null) {
			return "—";
		}
		if (bytes >= 1L << 30) {
			return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
		}
		return String.format(Locale.ROOT, "%.0f MiB", bytes / (double) (1L << 20));
	}

	public String uptime(Long millis) {
		if (millis == null) {
			return "—";
		}
		long minutes = millis / 60_000;
		if (minutes < 60) {
			return minutes + " min";
		}
		long hours = minutes / 60;
		return (hours < 48) ? hours + " h " + (minutes % 60) + " min" : (hours / 24) + " d " + (hours % 24) + " h";
	}

	public String percent(Long used, Long total) {
		if (used == null || total == null || total == 0) {
			return "";
		}
		return String.format(Locale.ROOT, "%.0f%%", 100.0 * used / total);
	}

	/**
	 * The SSE event (and element id) of a node's or balancer's tile, a cluster's summary.
	 */
	public String target(TargetKind kind, long id) {
		return kind.name().toLowerCase(Locale.ROOT) + "-" + id;
	}

}
