package dev.warren.balancer;

/**
 * How a balancer picks the node for a new client connection.
 */
public enum BalancingMethod {

	/** Each node in turn: even spread of connections when clients are alike. */
	ROUND_ROBIN("Round robin", "each new connection goes to the next node in turn", null, "roundrobin"),

	/**
	 * The node with the fewest open connections: evens out long-lived AMQP connections
	 * after a node comes back.
	 */
	LEAST_CONNECTIONS("Least connections",
			"the node with the fewest open connections; evens out long-lived AMQP connections after a node comes back",
			"least_conn;", "leastconn"),

	/**
	 * The same client address lands on the same node while that node is up (consistent
	 * hashing: a node leaving moves only its own clients).
	 */
	HASH_CLIENT_ADDRESS("Hash by client address",
			"a client address keeps landing on the same node while that node is up; many clients behind one NAT all land on one node",
			"hash $remote_addr consistent;", "source");

	private final String label;

	private final String help;

	private final String nginxDirective;

	private final String haproxyAlgorithm;

	BalancingMethod(String label, String help, String nginxDirective, String haproxyAlgorithm) {
		this.label = label;
		this.help = help;
		this.nginxDirective = nginxDirective;
		this.haproxyAlgorithm = haproxyAlgorithm;
	}

	public String label() {
		return this.label;
	}

	public String help() {
		return this.help;
	}

	/** The line inside an NGINX {@code upstream {}}, or {@code null} for round robin. */
	String nginxDirective() {
		return this.nginxDirective;
	}

	/** The argument of HAProxy's {@code balance}. */
	String haproxyAlgorithm() {
		return this.haproxyAlgorithm;
	}

}
