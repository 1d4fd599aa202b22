package dev.warren.rabbitmq;

import java.time.Duration;

/**
 * What one AMQP round trip found.
 *
 * @param state UP (a message went through and came back in time), NOT_RESPONDING (the
 * port accepts connections but AMQP does not answer in time: a frozen or overloaded
 * node), DOWN (the connection is refused, dropped or the login fails)
 * @param roundTrip from connecting to receiving the message back, when UP
 * @param detail what happened, for a person
 */
public record AmqpProbeResult(State state, Duration roundTrip, String detail) {

	public enum State {

		UP, NOT_RESPONDING, DOWN

	}

	public boolean up() {
		return this.state == State.UP;
	}

}
