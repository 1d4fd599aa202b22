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

	/**
	 * Read-only, before a change: may the server's SSH user run through sudo what Warren
	 * needs there? The detail names what it may run, or each missing program with the
	 * drop-in that grants them.
	 */
	public static Check check(dev.warren.remote.RemoteSession session, ServerView server, java.time.Duration timeout) {
		dev.warren.remote.PrivilegeCheck.Result check = dev.warren.remote.PrivilegeCheck.run(session, server.sshUser(),
				sudoCommands(server), List.of(), List.of(), timeout);
		return check.complete()
				? new Check(true,
						server.sshUser() + " may run " + String.join(" and ", check.fullPaths()) + " through sudo -n")
				: new Check(false,
						server.sshUser() + " may not run what Warren needs through sudo -n: "
								+ String.join("; ", check.missing()) + ". Give it this sudoers drop-in: "
								+ Privileges.dropIn(server.sshUser(), check.fullPaths()).strip());
	}

	/**
	 * The same check over a session of its own: what is missing, empty when nothing is
	 * (or the server uses no sudo).
	 * @throws dev.warren.remote.RemoteException when the server cannot be reached
	 */
	public static java.util.Optional<String> missing(dev.warren.remote.RemoteShells shells, ServerView server,
			String actor, java.time.Duration timeout) {
		if (!server.useSudo()) {
			return java.util.Optional.empty();
		}
		try (dev.warren.remote.RemoteSession session = shells.open(server.id(), actor)) {
			Check check = check(session, server, timeout);
			return check.complete() ? java.util.Optional.empty() : java.util.Optional.of(check.detail());
		}
	}

	/**
	 * @param complete whether nothing is missing
	 * @param detail in words, for a preflight check or a connection test
	 */
	public record Check(boolean complete, String detail) {

	}

	/** The commands as Warren runs them through sudo, for {@code sudo -n -l}. */
	public static List<CommandLine> sudoCommands(ServerView server) {
		RabbitmqNode node = RabbitmqNode.of(server);
		return server.useSudo()
				? List.of(CommandLine.of(node.rabbitmqctlPath()), CommandLine.of(node.diagnosticsPath())) : List.of();
	}

}
