package dev.warren.clustering;

import java.time.Instant;

/**
 * One command of a run as the page and the API show it.
 */
public record StepView(long id, int position, Long serverId, String server, String description, String command,
		StepStatus status, Integer exitCode, String output, Instant startedAt, Instant endedAt) {

}
