package dev.warren.rabbitmq;

/**
 * Where an AMQP client connects: a node's AMQP port, or a balancer in front of nodes.
 */
public record AmqpEndpoint(String host, int port, String username, String password, String virtualHost) {

	public AmqpEndpoint {
		if (port < 1 || port > 65535) {
			throw new IllegalArgumentException("port " + port + " is outside 1-65535");
		}
		virtualHost = (virtualHost == null || virtualHost.isEmpty()) ? "/" : virtualHost;
	}

	@Override
	public String toString() {
		// Never the password.
		return this.username + "@" + this.host + ":" + this.port + this.virtualHost;
	}

}
