package dev.warren.balancer;

import java.util.ArrayList;
import java.util.List;

import dev.warren.remote.CommandLine;

/**
 * A validate or reload command as an administrator typed it (one program, checked by
 * {@code @SafeCommand}), turned into arguments: split on spaces, double quotes keep
 * spaces inside one argument, {@code {file}} becomes the file to check.
 */
final class ConfiguredCommand {

	/** Stands for the file to check. */
	static final String FILE = "{file}";

	private ConfiguredCommand() {
	}

	/**
	 * Does {@code command} name the file it checks? One that does not ({@code nginx -t})
	 * checks the balancer's whole config as it reads it, so a new file is checked only
	 * under the name that config includes: its live name.
	 */
	static boolean namesFile(String command) {
		return !parse(command, "a").equals(parse(command, "b"));
	}

	static CommandLine parse(String command, String file) {
		List<String> arguments = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		boolean inArgument = false;
		for (char c : command.strip().toCharArray()) {
			if (c == '"') {
				quoted = !quoted;
				inArgument = true;
			}
			else if (c == ' ' && !quoted) {
				if (inArgument) {
					arguments.add(current.toString());
					current.setLength(0);
					inArgument = false;
				}
			}
			else {
				current.append(c);
				inArgument = true;
			}
		}
		if (quoted) {
			throw new IllegalArgumentException("unbalanced double quote in: " + command);
		}
		if (inArgument) {
			arguments.add(current.toString());
		}
		return new CommandLine(arguments.stream().map((argument) -> argument.replace(FILE, file)).toList());
	}

}
