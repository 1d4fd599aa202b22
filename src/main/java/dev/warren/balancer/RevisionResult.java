package dev.warren.balancer;

/**
 * How a deployment of a revision ended.
 */
public enum RevisionResult {

	/** The config is live and serves AMQP. */
	SUCCEEDED,
	/**
	 * Nothing changed on the host, or the host is in a state the run's summary describes.
	 */
	FAILED,
	/** The config was pushed, did not work, and the previous one serves again. */
	ROLLED_BACK

}
