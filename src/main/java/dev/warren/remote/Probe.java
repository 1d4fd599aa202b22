package dev.warren.remote;

import java.time.Duration;
import java.util.Locale;

/**
 * The answer to a yes-or-no question asked on a server, with a third answer that is never
 * turned into either: {@link Answer#UNKNOWN}, when the command was refused (permission
 * denied, {@code sudo: a password is required}), missing, killed or ended in a way that
 * says nothing about the question. The caller stops on UNKNOWN and shows the reason.
 *
 * @param answer yes, no, or could not tell
 * @param result what the server answered (for the run's page)
 * @param reason in words: what was found, or why it could not be told
 */
public record Probe(Answer answer, CommandResult result, String reason) {

	/** Yes, no, or could not tell. */
	public enum Answer {

		YES, NO, UNKNOWN

	}

	public boolean yes() {
		return this.answer == Answer.YES;
	}

	public boolean unknown() {
		return this.answer == Answer.UNKNOWN;
	}

	/**
	 * Is {@code path} a regular file? {@code stat} tells "no such file" apart from "not
	 * allowed to look" (which {@code test -f} reports alike, as exit code 1). Messages in
	 * another language than English read as UNKNOWN: safe, never wrong.
	 */
	public static Probe fileExists(RemoteSession session, String path, Duration timeout, String who) {
		return fileExists((command) -> session.run(command, timeout, OutputListener.NONE), path, who);
	}

	/**
	 * The same, asked through {@code runner} (with or without sudo, as the caller
	 * decides).
	 */
	public static Probe fileExists(java.util.function.Function<CommandLine, CommandResult> runner, String path,
			String who) {
		CommandResult stat = runner.apply(CommandLine.of("stat", "-L", "-c", "%F", "--", path));
		String output = (stat.output() == null) ? "" : stat.output().strip();
		if (stat.succeeded()) {
			if (output.toLowerCase(Locale.ROOT).startsWith("regular")) {
				return new Probe(Answer.YES, stat, path + " exists");
			}
			return new Probe(Answer.UNKNOWN, stat, path + " exists but is not a regular file (" + output + ")");
		}
		if (stat.exitCode() == 1 && output.contains("No such file or directory") && !output.contains("sudo:")) {
			return new Probe(Answer.NO, stat, path + " does not exist");
		}
		return new Probe(Answer.UNKNOWN, stat, refusal("whether " + path + " exists", stat, who));
	}

	/**
	 * "Could not tell X: <what the server said> (exit N, as <who>)".
	 */
	public static String refusal(String question, CommandResult result, String who) {
		String output = (result.output() == null) ? "" : result.output().strip();
		String said;
		if (output.contains("a password is required") || output.contains("a terminal is required")) {
			said = "sudo refused it (" + firstLine(output) + "): the sudoers rules do not allow this command";
		}
		else if (result.exitCode() == 127 || output.contains("command not found") || output.contains("not found")) {
			said = "the program is not installed or not on the PATH (" + firstLine(output) + ")";
		}
		else if (output.contains("Permission denied") || output.contains("Operation not permitted")) {
			said = "permission denied (" + firstLine(output) + ")";
		}
		else if (result.exitCode() < 0) {
			said = "the command was killed before it ended";
		}
		else {
			said = output.isEmpty() ? "no output" : firstLine(output);
		}
		return "Could not tell " + question + ": " + said + " (exit " + result.exitCode() + ", as " + who
				+ "); nothing was decided from it";
	}

	private static String firstLine(String text) {
		int end = text.indexOf('\n');
		return (end < 0) ? text : text.substring(0, end);
	}

}
