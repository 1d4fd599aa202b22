package dev.warren.rabbitmq;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.warren.inventory.ServerView;
import dev.warren.inventory.Servers;
import dev.warren.rabbitmq.ConnectionCheck.Item;
import dev.warren.rabbitmq.ConnectionCheck.Status;
import dev.warren.remote.CommandLine;
import dev.warren.remote.CommandResult;
import dev.warren.remote.OutputListener;
import dev.warren.remote.RemoteException;
import dev.warren.remote.RemoteSession;
import dev.warren.remote.RemoteShells;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "Test connection" for a server: logs in over SSH (checking the trusted host key), runs
 * {@code rabbitmqctl status} and {@code rabbitmq-diagnostics check_running} against its
 * node, and keeps the result. Nothing on the server changes.
 */
@Service
public class ConnectionChecks {

	static final String SSH = "SSH";

	static final String PRIVILEGES = "Privileges";

	static final String CLI = "rabbitmqctl";

	static final String NODE = "RabbitMQ node";

	static final String VERSIONS = "Versions";

	static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

	private static final int MAX_DETAIL = 1000;

	private static final Logger logger = LoggerFactory.getLogger(ConnectionChecks.class);

	private static final TypeReference<List<Item>> ITEMS = new TypeReference<>() {
	};

	private final Servers servers;

	private final RemoteShells shells;

	private final ConnectionCheckRepository repository;

	private final JsonMapper json;

	private final Clock clock;

	ConnectionChecks(Servers servers, RemoteShells shells, ConnectionCheckRepository repository, JsonMapper json,
			Clock clock) {
		this.servers = servers;
		this.shells = shells;
		this.repository = repository;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Tests the server now (this takes a few seconds: each CLI call starts an Erlang VM)
	 * and stores the result.
	 * @param actor who asked, for the result and the audit log of the commands
	 * @throws dev.warren.shared.NotFoundException for an unknown server
	 */
	public ConnectionCheck test(long serverId, String actor) {
		ServerView server = this.servers.get(serverId);
		Probe probe = new Probe(server);
		probe.run(actor);
		ConnectionCheck check = new ConnectionCheck(serverId, this.clock.instant().truncatedTo(ChronoUnit.MILLIS),
				actor, probe.items, probe.rabbitmqVersion, probe.erlangVersion);
		this.repository.save(new ConnectionCheckRecord(check, this.json.writeValueAsString(check.items())));
		logger.info("Connection test of server '{}' by {}: {}", server.name(), actor, check.overall());
		return check;
	}

	/** The newest test of the server, if it was ever tested. */
	@Transactional(readOnly = true)
	public Optional<ConnectionCheck> latest(long serverId) {
		return this.repository.findFirstByServerIdOrderByCheckedAtDescIdDesc(serverId).map(this::toCheck);
	}

	/** The server's tests, newest first. */
	@Transactional(readOnly = true)
	public List<ConnectionCheck> history(long serverId, int limit) {
		return this.repository
			.findByServerIdOrderByCheckedAtDescIdDesc(serverId, PageRequest.of(0, Math.max(1, Math.min(limit, 100))))
			.stream()
			.map(this::toCheck)
			.toList();
	}

	private ConnectionCheck toCheck(ConnectionCheckRecord record) {
		return new ConnectionCheck(record.serverId(), record.checkedAt(), record.checkedBy(),
				this.json.readValue(record.items(), ITEMS), record.rabbitmqVersion(), record.erlangVersion());
	}

	/**
	 * One test in progress: each step adds its item, and the first failure ends it.
	 */
	private final class Probe {

		private final ServerView server;

		private final List<Item> items = new ArrayList<>();

		private String step = SSH;

		private String rabbitmqVersion;

		private String erlangVersion;

		Probe(ServerView server) {
			this.server = server;
		}

		void run(String actor) {
			try (RemoteSession session = ConnectionChecks.this.shells.open(this.server.id(), actor)) {
				pass(SSH, "Logged in as " + this.server.sshEndpoint() + " with the stored credentials; the host key "
						+ "is the trusted one.");
				if (this.server.useSudo()) {
					checkPrivileges(session);
				}
				if (this.server.nodeName() == null) {
					checkCliWithoutNode(session);
				}
				else {
					checkNode(session, RabbitmqNode.of(this.server));
				}
			}
			catch (RemoteException ex) {
				add(this.step, Status.FAIL, describe(ex));
			}
			catch (IllegalArgumentException ex) {
				// A value the server's shell could not be given safely: nothing ran.
				add(this.step, Status.FAIL, "Warren refused to send the command: " + sentence(ex.getMessage()));
			}
			catch (RuntimeException ex) {
				logger.warn("Connection test of server '{}' failed unexpectedly", this.server.name(), ex);
				add(this.step, Status.FAIL, "Warren could not complete this step (" + ex.getClass().getSimpleName()
						+ "); the console log has the details.");
			}
		}

		/** Read-only: sudo -n -l for each program Warren runs through sudo here. */
		private void checkPrivileges(RemoteSession session) {
			this.step = PRIVILEGES;
			ServerPrivileges.Check check = ServerPrivileges.check(session, this.server, COMMAND_TIMEOUT);
			add(PRIVILEGES, check.complete() ? Status.PASS : Status.FAIL, check.detail() + ".");
		}

		private void checkCliWithoutNode(RemoteSession session) {
			CommandResult version = run(session, CLI, RabbitmqCommands.cliVersion(this.server.rabbitmqctlPath()));
			if (checkCli(version)) {
				add(NODE, Status.FAIL, "This server has no RabbitMQ node name: edit it and enter the node name "
						+ "exactly as the node reports it (for example rabbit@" + shortHost() + ").");
			}
		}

		private void checkNode(RemoteSession session, RabbitmqNode node) {
			CommandResult status = run(session, CLI, RabbitmqCommands.status(node));
			if (!checkCli(status)) {
				return;
			}
			if (!status.succeeded()) {
				add(NODE, Status.FAIL, CliErrors.explain(status.exitCode(), status.output()));
				return;
			}
			NodeStatus nodeStatus = parse(status);
			CommandResult running = run(session, NODE, RabbitmqCommands.checkRunning(node));
			if (!running.succeeded()) {
				add(NODE, Status.FAIL, CliErrors.explain(running.exitCode(), running.output()));
			}
			else if (nodeStatus != null && !nodeStatus.alarms().isEmpty()) {
				add(NODE, Status.WARN, node.nodeName() + " runs, but alarms are in effect ("
						+ String.join(", ", nodeStatus.alarms()) + "): publishers are blocked until they clear.");
			}
			else if (nodeStatus != null && nodeStatus.underMaintenance()) {
				add(NODE, Status.WARN, node.nodeName() + " runs but is in maintenance mode (drained): it accepts no "
						+ "clients until 'rabbitmq-upgrade revive'.");
			}
			else {
				pass(NODE, node.nodeName() + " is fully booted and running.");
			}
			checkVersions(nodeStatus);
		}

		/** Whether the CLI ran at all; if not, says why. */
		private boolean checkCli(CommandResult result) {
			String path = this.server.rabbitmqctlPath();
			if (CliErrors.isCommandNotFound(result.exitCode(), result.output())) {
				add(CLI, Status.FAIL,
						"rabbitmqctl was not found at " + path + " (or cannot be executed by " + this.server.sshUser()
								+ "): set this server's rabbitmqctl path to the one in RabbitMQ's sbin directory.");
				return false;
			}
			if (CliErrors.needsPrivileges(result.exitCode(), result.output())) {
				add(CLI, Status.FAIL, CliErrors.explain(result.exitCode(), result.output()));
				return false;
			}
			// The RabbitMQ CLI ends with 0 or a sysexits code (64-78, 69 for an
			// unreachable
			// node); anything else (a PAM or sudo error, a signal) says nothing about it.
			if (result.exitCode() != 0 && (result.exitCode() < 64 || result.exitCode() > 78)) {
				String output = (result.output() == null) ? "" : result.output().strip();
				add(CLI, Status.FAIL,
						"Could not tell whether " + path + " runs: it ended with exit code " + result.exitCode()
								+ (output.isEmpty() ? "" : " (" + output.lines().findFirst().orElse("") + ")")
								+ ", which is not an answer of the RabbitMQ CLI.");
				return false;
			}
			pass(CLI,
					path + " runs" + (this.server.useSudo() ? " with sudo -n." : " as " + this.server.sshUser() + "."));
			return true;
		}

		private void checkVersions(NodeStatus status) {
			if (status == null || status.version().isEmpty()) {
				add(VERSIONS, Status.WARN, "The node's status did not name a RabbitMQ version Warren understands.");
				return;
			}
			this.rabbitmqVersion = status.rabbitmqVersion();
			this.erlangVersion = status.erlangVersion();
			pass(VERSIONS, "RabbitMQ " + status.rabbitmqVersion()
					+ ((status.erlangVersion() != null) ? " on " + status.erlangVersion() : "") + ".");
		}

		private NodeStatus parse(CommandResult status) {
			try {
				return NodeStatus.parse(status.stdout());
			}
			catch (IllegalArgumentException ex) {
				logger.info("Unreadable status of server '{}': {}", this.server.name(), ex.getMessage());
				return null;
			}
		}

		private CommandResult run(RemoteSession session, String step, CommandLine command) {
			this.step = step;
			return session.run(command, COMMAND_TIMEOUT, OutputListener.NONE);
		}

		private String describe(RemoteException ex) {
			String endpoint = this.server.host() + ":" + this.server.sshPort();
			return switch (ex.kind()) {
				case HOST_KEY_UNKNOWN -> "Host key not trusted yet: trust it on this page, after comparing its "
						+ "fingerprint with the one the server itself shows (ssh-keygen -lf on its host key).";
				case HOST_KEY_CHANGED -> "The server's host key changed since it was trusted: if the server was "
						+ "reinstalled, trust the new key on this page; otherwise someone may be intercepting the "
						+ "connection.";
				case AUTHENTICATION_FAILED -> "The server refused the stored credentials of " + this.server.sshUser()
						+ ": check the user name and the password or private key (and its passphrase).";
				case CONNECT_FAILED -> "Cannot reach " + endpoint + ": " + sentence(ex.getMessage())
						+ " Check the host, the SSH port and any firewall in between.";
				case TIMEOUT -> "The command did not finish within " + COMMAND_TIMEOUT.toSeconds()
						+ " seconds: the node may be overloaded or still booting.";
				case CANCELLED -> "The test was cancelled.";
				case CONNECTION_LOST -> "The SSH connection dropped during the test: " + sentence(ex.getMessage());
				case TRANSFER_FAILED -> sentence(ex.getMessage());
			};
		}

		private String shortHost() {
			String host = this.server.host();
			return (host.indexOf(':') >= 0 || host.chars().allMatch((c) -> c == '.' || Character.isDigit(c)))
					? "<host name>" : host.split("\\.")[0];
		}

		private void pass(String name, String detail) {
			add(name, Status.PASS, detail);
		}

		private void add(String name, Status status, String detail) {
			String text = (detail == null || detail.isBlank()) ? "No details." : detail.strip();
			this.items.add(new Item(name, status,
					(text.length() <= MAX_DETAIL) ? text : text.substring(0, MAX_DETAIL - 1) + "…"));
		}

	}

	private static String sentence(String message) {
		if (message == null || message.isBlank()) {
			return "no details.";
		}
		String text = message.strip();
		return text.endsWith(".") ? text : text + ".";
	}

}
