package dev.warren.balancer;

import java.util.List;

import dev.warren.inventory.OperatingSystem;

/**
 * Everything a balancer's config is rendered from, and nothing else: the renderer reads
 * no database, clock or build, so the same spec always gives the same body.
 *
 * @param os the balancer host's OS (NGINX on Windows has other paths and no modules)
 * @param upstreams the cluster's members, in any order (the config lists them by name)
 * @param pidFile NGINX's pid file as the administrator set it, or {@code null}
 * @param errorLog NGINX's error log as the administrator set it, or {@code null}
 */
record ConfigSpec(String balancerName, String clusterName, BalancerKind kind, OperatingSystem os, String listenAddress,
		int listenPort, String configPath, String validateCommand, String reloadCommand, BalancerSettings settings,
		List<Upstream> upstreams, String pidFile, String errorLog) {

	ConfigSpec {
		upstreams = List.copyOf(upstreams);
	}

	/** A spec whose pid file and error log are NGINX's defaults for the host. */
	ConfigSpec(String balancerName, String clusterName, BalancerKind kind, OperatingSystem os, String listenAddress,
			int listenPort, String configPath, String validateCommand, String reloadCommand, BalancerSettings settings,
			List<Upstream> upstreams) {
		this(balancerName, clusterName, kind, os, listenAddress, listenPort, configPath, validateCommand, reloadCommand,
				settings, upstreams, null, null);
	}

	/**
	 * One cluster member as the balancer reaches it.
	 *
	 * @param serverId its server's id ({@code null} in specs made by hand)
	 * @param ejected Warren took it out of the cluster's balancers: rendered {@code down}
	 * (NGINX) or {@code disabled} (HAProxy)
	 */
	record Upstream(String serverName, String nodeName, String host, int amqpPort, int managementPort, Long serverId,
			boolean ejected) {

		Upstream(String serverName, String nodeName, String host, int amqpPort, int managementPort) {
			this(serverName, nodeName, host, amqpPort, managementPort, null, false);
		}

	}

}
