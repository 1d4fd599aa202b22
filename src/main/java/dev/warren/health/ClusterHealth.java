package dev.warren.health;

import java.time.Instant;
import java.util.List;

/**
 * A cluster with its status, its members and its balancers.
 *
 * @param id the cluster in the inventory; {@code 0} for the pseudo-entry that lists
 * servers with a node name that belong to no cluster
 * @param name its name
 * @param status {@code healthy}, {@code degraded}, {@code partitioned}, {@code down} or
 * {@code unknown} ({@code standalone} for the pseudo-entry)
 * @param summary the status for a person, e.g. "degraded: 1 of 3 nodes down"
 * @param nodes its members, in inventory order
 * @param balancers the balancers that front it
 * @param state {@link #status} as a {@link HealthState} (healthy = UP, degraded and
 * partitioned = DEGRADED, down = DOWN, unknown = UNKNOWN)
 * @param since when the status last changed ({@code null} for the pseudo-entry)
 */
public record ClusterHealth(long id, String name, String status, String summary, List<NodeHealth> nodes,
		List<BalancerHealth> balancers, HealthState state, Instant since) {

	/** The id of the pseudo-entry for servers in no cluster. */
	public static final long NO_CLUSTER = 0;

}
