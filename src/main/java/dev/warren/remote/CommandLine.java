package dev.warren.remote;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One command as a program and its arguments. It is never a string until
 * {@link ShellDialect#render} quotes each argument for the target's shell.
 */
public record CommandLine(List<String> arguments) {

	public CommandLine {
		arguments = List.copyOf(arguments);
		if (arguments.isEmpty()) {
			throw new IllegalArgumentException("A command needs a program");
		}
	}

	public static CommandLine of(String program, String... arguments) {
		List<String> all = new ArrayList<>();
		all.add(program);
		all.addAll(Arrays.asList(arguments));
		return new CommandLine(all);
	}

	public CommandLine with(String... more) {
		List<String> all = new ArrayList<>(this.arguments);
		all.addAll(Arrays.asList(more));
		return new CommandLine(all);
	}

	public String program() {
		return this.arguments.get(0);
	}

}
