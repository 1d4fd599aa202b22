package dev.warren.rabbitmq;

import java.util.ArrayList;
import java.util.List;

import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;
import dev.warren.remote.CommandLine;
import dev.warren.remote.Privileges;

/**
 * What joins, node operations, drills and the connection test need on a RabbitMQ server:
 * its {@code rabbitmqctl} and {@code rabbitmq-diagnostics} through {@code sudo -n} where
 * the server uses sudo. Warren writes no file on a RabbitMQ server.
 */
public final class ServerPrivileges {

	private ServerPrivileges() {
	}

	public static Privileges of(ServerView server) {
		RabbitmqNode node = RabbitmqNode.of(server);
		List<String> notes = new ArrayList<>();
		if (server.os() == OperatingSystem.WINDOWS) {
			notes.add("Windows has no sudo: " + server.sshUser() + " runs " + node.rabbitmqctlPath()
					+ " itself, and needs the RabbitMQ service's Erlang cookie in its own profile "
					+ "(%USERPROFILE%\\.erlang.cookie).");
		}
		else if (!server.useSudo() && !"root".equals(server.sshUser())) {
			notes.add("Debian's and RabbitMQ's packages let only root and rabbitmq run rabbitmqctl: turn on sudo "
					+ "for this server (with the drop-in above) or log in as root.");
		}
		notes.add("Warren writes no file on a RabbitMQ server; the Erlang cookie is only compared (by its hash).");
		return Privileges.of(server.sshUser(), server.useSudo(),
				server.useSudo() ? List.of(node.rabbitmqctlPath(), node.diagnosticsPath()) : List.of(), List.of(),
				List.of(), notes);
	}

	/** The commands as Warren runs them through sudo, for {@code sudo -n -l}. */
	public static List<CommandLine> sudoCommands(ServerView server) {
		RabbitmqNode node = RabbitmqNode.of(server);
		return server.useSudo()
				? List.of(CommandLine.of(node.rabbitmqctlPath()), CommandLine.of(node.diagnosticsPath())) : List.of();
	}

}
