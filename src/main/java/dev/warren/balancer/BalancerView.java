package dev.warren.balancer;

import java.time.Instant;

/**
 * A balancer as pages and the API show it.
 */
public record BalancerView(long id, String name, BalancerKind kind, long clusterId, String clusterName,
		long hostServerId, String hostServerName, String listenAddress, int listenPort, String configPath,
		String validateCommand, String reloadCommand, Instant createdAt, Instant updatedAt) {

}
