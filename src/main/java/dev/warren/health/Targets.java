package dev.warren.health;

import java.util.List;
import java.util.Map;

import dev.warren.rabbitmq.AmqpEndpoint;

/**
 * What there is to probe, as the inventory says now.
 *
 * @param clusters clusters by name
 * @param nodes every server with a node name, by server id
 * @param balancers every balancer, by id
 * @param unclustered servers with a node name that belong to no cluster
 * @param serverCount every server, with a node name or not
 */
record Targets(List<ClusterEntry> clusters, Map<Long, NodeTarget> nodes, Map<Long, BalancerTarget> balancers,
		List<Long> unclustered, int serverCount) {

	static final Targets EMPTY = new Targets(List.of(), Map.of(), Map.of(), List.of(), 0);

	record ClusterEntry(long id, String name, List<Long> memberServerIds, List<String> expectedNodes,
			List<Long> balancerIds) {

	}

	/**
	 * @param amqp how to log in for the AMQP round trip; {@code null} when there is no
	 * way ({@code reason} says why)
	 * @param management how to reach the management API; {@code null} without stored
	 * credentials
	 * @param fingerprint changes whenever anything the probes use changes
	 */
	record NodeTarget(long serverId, String serverName, String nodeName, String host, int amqpPort, Long clusterId,
			AmqpEndpoint amqp, String reason, ManagementLogin management, String fingerprint) {

	}

	record ManagementLogin(String baseUrl, String username, String password) {

		@Override
		public String toString() {
			return this.username + "@" + this.baseUrl;
		}

	}

	/**
	 * @param endpoint how to log in for the round trip through it; {@code null} for a TCP
	 * connect only ({@code reason} says why)
	 */
	record BalancerTarget(long id, String name, long clusterId, String host, int port, AmqpEndpoint endpoint,
			String reason, String fingerprint) {

	}

}
