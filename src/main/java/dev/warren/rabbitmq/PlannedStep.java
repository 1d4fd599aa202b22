package dev.warren.rabbitmq;

import dev.warren.remote.CommandLine;

/**
 * One command of a plan, to run on {@code node}'s server.
 */
public record PlannedStep(RabbitmqNode node, String description, CommandLine command, Kind kind) {

	public enum Kind {

		STOP_APP, JOIN, START_APP, VERIFY

	}

}
