package dev.warren.clustering;

import java.util.ArrayList;
import java.util.List;

import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.ShellDialect;

/**
 * Commands as an administrator reads them on the plan and in recovery advice: exactly as
 * sent, quoted for the server's shell, with {@code sudo -n} where the server uses it.
 */
final class CommandTexts {

	private CommandTexts() {
	}

	static String render(ServerView server, CommandLine command) {
		CommandLine shown = command;
		if (server.useSudo()) {
			List<String> arguments = new ArrayList<>(List.of("sudo", "-n", "--"));
			arguments.addAll(command.arguments());
			shown = new CommandLine(arguments);
		}
		return ShellDialect.of(server.os()).render(shown);
	}

	/** As the SSH user itself, without sudo. */
	static String renderAsLoginUser(ServerView server, CommandLine command) {
		return ShellDialect.of(server.os()).render(command);
	}

}
