package dev.warren.health;

import java.time.Instant;
import java.util.List;

/**
 * Live states to render: one cluster with a node in each state and a balancer.
 */
final class HealthFixtures {

	static final Instant SINCE = Instant.parse("2026-11-26T03:12:04Z");

	static final long CLUSTER = 5;

	static final long UP = 11;

	static final long DOWN = 12;

	static final long FROZEN = 13;

	static final long ALARMED = 14;

	static final long BALANCER = 3;

	private HealthFixtures() {
	}

	static NodeHealth node(long id, String name, HealthState state, Long roundTripMs, List<String> alarms,
			Integer connections, String detail) {
		NodeHealth.ManagementFacts facts = (connections != null) ? new NodeHealth.ManagementFacts(true, 3_600_000L, 40L,
				1024L, 120L << 20, 800L << 20, 9L << 30, List.of("rabbit@vm", "hare@vm"),
				List.of("rabbit@vm", "hare@vm"), List.of(), false, !alarms.isEmpty(), SINCE) : null;
		return new NodeHealth(id, "server-" + id, name, state, SINCE, roundTripMs, alarms, connections, detail, CLUSTER,
				SINCE, facts);
	}

	static BalancerHealth balancer(HealthState state) {
		return new BalancerHealth(BALANCER, "edge-nginx", state, SINCE, 4L, "round trip 4 ms through 127.0.0.1:5690",
				CLUSTER, "127.0.0.1:5690", SINCE);
	}

	static HealthSnapshot snapshot() {
		return snapshot(HealthState.DOWN, HealthState.UP);
	}

	static HealthSnapshot snapshot(HealthState downNode, HealthState balancer) {
		List<NodeHealth> nodes = List.of(node(UP, "rabbit@vm", HealthState.UP, 2L, List.of(), 4, "round trip 2 ms"),
				node(DOWN, "hare@vm", downNode, null, List.of(), null, "connection refused by 127.0.0.1:5673"),
				node(FROZEN, "bunny@vm", HealthState.NOT_RESPONDING, null, List.of(), null, "no answer within 1000 ms"),
				node(ALARMED, "fox@vm", HealthState.DEGRADED, 3L, List.of("disk alarm: 40 MiB free"), 1,
						"round trip 3 ms; disk alarm: 40 MiB free"));
		ClusterHealth cluster = new ClusterHealth(CLUSTER, "prod", "degraded", "degraded: 1 of 4 nodes down", nodes,
				List.of(balancer(balancer)), HealthState.DEGRADED, SINCE);
		return new HealthSnapshot(Instant.now(), List.of(cluster), true);
	}

}
