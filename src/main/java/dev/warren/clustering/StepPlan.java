package dev.warren.clustering;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;

/**
 * A step as the plan shows it: where, what for, and the command (exactly as it will be
 * sent) or {@code null} for a step that is not a command (an upload, a round trip).
 *
 * @param asLoginUser the command runs as the SSH user itself, never through sudo
 */
public record StepPlan(ServerView server, String description, CommandLine command, boolean asLoginUser) {

	public StepPlan(ServerView server, String description, CommandLine command) {
		this(server, description, command, false);
	}

}
