package dev.warren.clustering;

/**
 * What a run does.
 */
public enum RunKind {

	/** Join nodes into a cluster (the wizard). */
	JOIN,
	/** Take a node out of its cluster. */
	REMOVE_NODE,
	/** Restart a node's RabbitMQ application. */
	RESTART_NODE,
	/**
	 * Push a balancer's config: upload, validate, back up, move into place, reload,
	 * confirm.
	 */
	DEPLOY_BALANCER,
	/**
	 * Push the configs of every balancer fronting a cluster, one after the other,
	 * stopping at the first failure.
	 */
	DEPLOY_ALL_BALANCERS,
	/**
	 * Stop a node's application while messages flow through a balancer, start it again,
	 * and report what the clients saw.
	 */
	FAILOVER_DRILL

}
