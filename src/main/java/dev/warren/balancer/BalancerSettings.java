package dev.warren.balancer;

import java.util.ArrayList;
import java.util.List;

/**
 * How a balancer balances, times out and notices a dead node; the part of its definition
 * that shapes the rendered config beyond addresses and ports.
 *
 * @param balancingMethod how a new client connection picks its node
 * @param connectTimeoutSeconds how long the balancer waits to connect to a node before
 * trying the next one
 * @param idleTimeoutSeconds how long a connection may stay silent before the balancer
 * closes it
 * @param maxFails NGINX: failed connects within {@code failTimeoutSeconds} that mark a
 * node unavailable ({@code 0}: never)
 * @param failTimeoutSeconds NGINX: that window, and how long the node then stays out
 * @param checkIntervalMillis HAProxy: time between health checks of a node
 * @param checkFall HAProxy: failed checks in a row that mark a node down
 * @param checkRise HAProxy: passed checks in a row that bring it back
 * @param balanceManagement also balance the management UI and HTTP API
 * @param managementListenPort the balancer's port for that
 * @param proxyProtocol send a PROXY protocol header to RabbitMQ, which then sees the
 * clients' own addresses
 * @param nginxLayout NGINX: a complete nginx.conf or an include file
 * @param upstreamName the name of the AMQP upstream (NGINX) or frontend and backend
 * (HAProxy); the management UI's takes {@link #managementUpstreamName()}. Two NGINX
 * balancers on one host need different names: NGINX refuses a duplicate upstream.
 */
public record BalancerSettings(BalancingMethod balancingMethod, int connectTimeoutSeconds, int idleTimeoutSeconds,
		int maxFails, int failTimeoutSeconds, int checkIntervalMillis, int checkFall, int checkRise,
		boolean balanceManagement, int managementListenPort, boolean proxyProtocol, NginxLayout nginxLayout,
		String upstreamName) {

	/** The upstream name of a balancer that names none, as Warren always wrote it. */
	public static final String DEFAULT_UPSTREAM_NAME = "rabbitmq_amqp";

	/** RabbitMQ's default heartbeat timeout, which clients usually accept. */
	public static final int DEFAULT_AMQP_HEARTBEAT_SECONDS = 60;

	/**
	 * The guide's timeouts (connect 5 s, idle 120 s) and failure detection tuned for fast
	 * failover, as measured in the lab: NGINX retries a refused connect on the next node
	 * at once; HAProxy marks a node down about 2 s after its port closes.
	 */
	public static final BalancerSettings DEFAULTS = new BalancerSettings(BalancingMethod.ROUND_ROBIN, 5, 120, 1, 10,
			1000, 2, 1, false, 15672, false, NginxLayout.FULL_CONFIG, DEFAULT_UPSTREAM_NAME);

	/**
	 * What an administrator should know about these settings on this kind of balancer.
	 */
	List<String> warnings(BalancerKind kind, String validateCommand) {
		List<String> warnings = new ArrayList<>();
		if (this.idleTimeoutSeconds < 2 * DEFAULT_AMQP_HEARTBEAT_SECONDS) {
			warnings.add("The idle timeout of " + this.idleTimeoutSeconds + " s is less than twice RabbitMQ's default "
					+ "heartbeat of " + DEFAULT_AMQP_HEARTBEAT_SECONDS + " s: the balancer may close quiet connections "
					+ "that the client and RabbitMQ still consider alive. " + (2 * DEFAULT_AMQP_HEARTBEAT_SECONDS)
					+ " s or more is safe.");
		}
		if (this.proxyProtocol) {
			warnings.add("PROXY protocol is on: every node needs proxy_protocol = true in rabbitmq.conf, "
					+ "and then accepts AMQP connections only through a balancer that sends it.");
		}
		if (kind == BalancerKind.NGINX && this.nginxLayout.included() && validateCommand != null
				&& validateCommand.contains("-c {file}")) {
			warnings.add("'" + validateCommand + "' checks the include file as if it were a whole nginx.conf, "
					+ "which fails: check the nginx.conf that includes it instead (e.g. 'nginx -t').");
		}
		return warnings;
	}

	/**
	 * The upstream (or HAProxy backend) of the management UI: {@code rabbitmq_amqp} gives
	 * {@code rabbitmq_management}, any other name {@code <name>_management}.
	 */
	public String managementUpstreamName() {
		return this.upstreamName.endsWith("_amqp")
				? this.upstreamName.substring(0, this.upstreamName.length() - "_amqp".length()) + "_management"
				: this.upstreamName + "_management";
	}

	/** These settings with another upstream name. */
	BalancerSettings withUpstreamName(String name) {
		return new BalancerSettings(this.balancingMethod, this.connectTimeoutSeconds, this.idleTimeoutSeconds,
				this.maxFails, this.failTimeoutSeconds, this.checkIntervalMillis, this.checkFall, this.checkRise,
				this.balanceManagement, this.managementListenPort, this.proxyProtocol, this.nginxLayout, name);
	}

	/** HAProxy's check interval as its config spells it: {@code 1s}, {@code 500ms}. */
	public String checkInterval() {
		return (this.checkIntervalMillis % 1000 == 0) ? (this.checkIntervalMillis / 1000) + "s"
				: this.checkIntervalMillis + "ms";
	}

}
