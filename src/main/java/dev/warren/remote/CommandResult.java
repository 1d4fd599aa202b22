package dev.warren.remote;

import java.time.Duration;
import java.time.Instant;

/**
 * How a command ended. {@code command} is the exact text sent to the server (after
 * quoting and sudo), for the run's page and the audit log.
 */
public record CommandResult(String command, int exitCode, String stdout, String stderr, Instant startedAt,
		Duration duration) {

	public boolean succeeded() {
		return this.exitCode == 0;
	}

	/** stdout and stderr together, as a person would read them. */
	public String output() {
		if (this.stderr == null || this.stderr.isBlank()) {
			return this.stdout;
		}
		return (this.stdout == null || this.stdout.isBlank()) ? this.stderr : this.stdout + "\n" + this.stderr;
	}

}
