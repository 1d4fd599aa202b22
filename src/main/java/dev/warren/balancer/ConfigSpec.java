package dev.warren.balancer;

import java.util.List;

import dev.warren.inventory.OperatingSystem;

/**
 * Everything a balancer's config is rendered from, and nothing else: the renderer reads
 * no database, clock or build, so the same spec always gives the same body.
 *
 * @param os the balancer host's OS (NGINX on Windows has other paths and no modules)
 * @param upstreams the cluster's members, in any order (the config lists them by name)
 */
record ConfigSpec(String balancerName, String clusterName, BalancerKind kind, OperatingSystem os, String listenAddress,
		int listenPort, String configPath, String validateCommand, String reloadCommand, BalancerSettings settings,
		List<Upstream> upstreams) {

	ConfigSpec {
		upstreams = List.copyOf(upstreams);
	}

	/**
	 * One cluster member as the balancer reaches it.
	 */
	record Upstream(String serverName, String nodeName, String host, int amqpPort, int managementPort) {

	}

}
