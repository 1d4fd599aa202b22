package dev.warren.health;

/**
 * What the probes last found about a node, a balancer or (mapped from its status) a
 * cluster.
 */
public enum HealthState {

	/** Answers an AMQP round trip in time; nothing wrong reported. */
	UP,

	/**
	 * Answers, but reports something wrong: an alarm, a partition, a membership that
	 * differs from the inventory.
	 */
	DEGRADED,

	/**
	 * The port accepts connections but AMQP does not answer in time: a frozen or
	 * overloaded node.
	 */
	NOT_RESPONDING,

	/** Refused, dropped, or the login failed. */
	DOWN,

	/** Not probed yet, or no way to probe (the detail says why). */
	UNKNOWN;

	/** Whether the target answers at all (UP or DEGRADED). */
	public boolean answers() {
		return this == UP || this == DEGRADED;
	}

}
