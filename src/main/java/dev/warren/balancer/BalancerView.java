package dev.warren.balancer;

import java.time.Instant;
import java.util.List;

/**
 * A balancer as pages and the API show it. The settings (from {@code balancingMethod} on)
 * are also available together as {@link #settings()}. {@code pidFile} and
 * {@code errorLog} are NGINX's as the administrator set them; {@code null} when Warren
 * learns them from the host ({@code nginx -T}).
 */
public record BalancerView(long id, String name, BalancerKind kind, long clusterId, String clusterName,
		long hostServerId, String hostServerName, String listenAddress, int listenPort, String configPath,
		String validateCommand, String reloadCommand, Instant createdAt, Instant updatedAt,
		BalancingMethod balancingMethod, int connectTimeoutSeconds, int idleTimeoutSeconds, int maxFails,
		int failTimeoutSeconds, int checkIntervalMillis, int checkFall, int checkRise, boolean balanceManagement,
		int managementListenPort, boolean proxyProtocol, NginxLayout nginxLayout, FileAccess fileAccess,
		List<String> warnings, String upstreamName, String pidFile, String errorLog) {

	public BalancerSettings settings() {
		return new BalancerSettings(this.balancingMethod, this.connectTimeoutSeconds, this.idleTimeoutSeconds,
				this.maxFails, this.failTimeoutSeconds, this.checkIntervalMillis, this.checkFall, this.checkRise,
				this.balanceManagement, this.managementListenPort, this.proxyProtocol, this.nginxLayout,
				this.upstreamName);
	}

}
