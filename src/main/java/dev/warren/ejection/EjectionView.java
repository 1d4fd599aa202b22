package dev.warren.ejection;

import java.time.Instant;
import java.util.List;

/**
 * A cluster's ejection policy with the members that are out of its balancers now, and why
 * a member that would be taken out stays in.
 *
 * @param ejected the members out of the balancers (or going back in, {@code ejected}
 * false and not yet {@code applied})
 * @param held members that the policy would take out and a safety rule keeps in, with the
 * rule
 */
public record EjectionView(long clusterId, boolean enabled, String after, int minHealthy, int holdDownSeconds,
		int minChangeSeconds, List<Node> ejected, List<String> held) {

	/**
	 * @param applied every balancer of the cluster has been told
	 * @param problem why the last attempt to tell them failed (retried)
	 */
	public record Node(long serverId, String name, boolean ejected, Instant since, String reason, boolean applied,
			String problem) {

	}

}
