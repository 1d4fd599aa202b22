package dev.warren.clustering;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;

/**
 * A step as the plan shows it: where, what for, and the command (exactly as it will be
 * sent) or {@code null} for a step that is not a command (an upload, a round trip).
 */
public record StepPlan(ServerView server, String description, CommandLine command) {

}
