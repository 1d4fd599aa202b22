package dev.warren.rabbitmq;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.warren.remote.CommandLine;

/**
 * The {@code rabbitmqctl} and {@code rabbitmq-diagnostics} command lines Warren runs, as
 * argument lists: every value is exactly one argument, quoted for the server's shell only
 * when {@link dev.warren.remote.ShellDialect#render} writes the line. Each names its node
 * with {@code -n} (several nodes may share a host), and commands whose output Warren
 * reads are quiet ({@code -q}), so that no banner precedes their JSON.
 */
public final class RabbitmqCommands {

	private RabbitmqCommands() {
	}

	/** {@code rabbitmqctl status --formatter json}: versions, config files, listeners. */
	public static CommandLine status(RabbitmqNode node) {
		return ctl(node, true, "status", "--formatter", "json");
	}

	/**
	 * {@code rabbitmqctl cluster_status --formatter json}, read by {@link ClusterStatus}.
	 */
	public static CommandLine clusterStatus(RabbitmqNode node) {
		return ctl(node, true, "cluster_status", "--formatter", "json");
	}

	public static CommandLine stopApp(RabbitmqNode node) {
		return ctl(node, false, "stop_app");
	}

	public static CommandLine startApp(RabbitmqNode node) {
		return ctl(node, false, "start_app");
	}

	/**
	 * {@code join_cluster <primary>}, run for the joining node. The node's own data is
	 * reset. See {@link JoinPlans} for what must surround it per version.
	 */
	public static CommandLine joinCluster(RabbitmqNode node, String primaryNodeName) {
		return ctl(node, false, "join_cluster", value("primary node name", primaryNodeName));
	}

	/** Returns the node to a blank, standalone state; its app must be stopped. */
	public static CommandLine reset(RabbitmqNode node) {
		return ctl(node, false, "reset");
	}

	/**
	 * Runs on a cluster member ({@code primary}) to remove a node that is stopped or
	 * gone.
	 */
	public static CommandLine forgetClusterNode(RabbitmqNode primary, String nodeToForget) {
		return ctl(primary, false, "forget_cluster_node", value("node to forget", nodeToForget));
	}

	public static CommandLine setClusterName(RabbitmqNode node, String name) {
		return ctl(node, false, "set_cluster_name", value("cluster name", name));
	}

	/** Waits until the app has started, for at most {@code timeout} (whole seconds). */
	public static CommandLine awaitStartup(RabbitmqNode node, Duration timeout) {
		return ctl(node, true, "await_startup", "--timeout", seconds(timeout));
	}

	/**
	 * {@code rabbitmq-diagnostics erlang_cookie_hash}: the same hash on every member
	 * means the same cookie.
	 */
	public static CommandLine erlangCookieHash(RabbitmqNode node) {
		return diagnostics(node, node.nodeName(), "erlang_cookie_hash");
	}

	/**
	 * {@code rabbitmq-diagnostics -n <target> ping}, to run on {@code from}'s server. It
	 * passes only when, from that server, the target's host name resolves, epmd (4369)
	 * and the target's distribution port are reachable and the target accepts the cookie:
	 * what {@code from} needs to cluster with it.
	 */
	public static CommandLine ping(RabbitmqNode from, String targetNodeName) {
		return diagnostics(from, value("target node name", targetNodeName), "ping");
	}

	/** {@link #ping(RabbitmqNode, String)} giving up after {@code timeout}. */
	public static CommandLine ping(RabbitmqNode from, String targetNodeName, Duration timeout) {
		return ping(from, targetNodeName).with("--timeout", seconds(timeout));
	}

	/** Exit 0 when the app is fully booted and running, 69 otherwise. */
	public static CommandLine checkRunning(RabbitmqNode node) {
		return diagnostics(node, node.nodeName(), "check_running");
	}

	/**
	 * {@code rabbitmq-diagnostics server_version} (rabbitmqctl has no such command).
	 */
	public static CommandLine serverVersion(RabbitmqNode node) {
		return diagnostics(node, node.nodeName(), "server_version");
	}

	/**
	 * Every feature flag and its state, read by {@link FeatureFlags} (which also tells
	 * Mnesia from Khepri).
	 */
	public static CommandLine featureFlags(RabbitmqNode node) {
		return ctl(node, true, "list_feature_flags", "name", "state", "--formatter", "json");
	}

	/**
	 * Queues of the default virtual host with their message counts, read by
	 * {@link QueueSummary}.
	 */
	public static CommandLine listQueues(RabbitmqNode node) {
		return ctl(node, true, "list_queues", "name", "messages", "exclusive", "--formatter", "json");
	}

	/**
	 * Answers {@code {ok,Mode}} or {@code undefined}; see
	 * {@link PartitionHandling#parse}.
	 */
	public static CommandLine getPartitionHandling(RabbitmqNode node) {
		return ctl(node, true, "eval", "application:get_env(rabbit, cluster_partition_handling).");
	}

	/**
	 * Changes {@code cluster_partition_handling} on the running node until it restarts
	 * ({@code rabbitmq.conf} keeps it for good). Ignored from RabbitMQ 4.3 on.
	 * @param mode ignore, pause_minority or autoheal; anything else is refused, so no
	 * free text ever reaches {@code eval}
	 */
	public static CommandLine setPartitionHandling(RabbitmqNode node, String mode) {
		return setPartitionHandling(node, PartitionHandling.of(mode));
	}

	public static CommandLine setPartitionHandling(RabbitmqNode node, PartitionHandling mode) {
		return ctl(node, true, "eval",
				"application:set_env(rabbit, cluster_partition_handling, " + mode.value() + ").");
	}

	/**
	 * {@code rabbitmqctl version}: whether the CLI runs at all, for servers without a
	 * node name.
	 */
	public static CommandLine cliVersion(String rabbitmqctlPath) {
		return CommandLine.of(value("rabbitmqctl path", rabbitmqctlPath), "-q", "version");
	}

	private static CommandLine ctl(RabbitmqNode node, boolean quiet, String... command) {
		return cli(node.rabbitmqctlPath(), node.nodeName(), quiet, command);
	}

	private static CommandLine diagnostics(RabbitmqNode runsOn, String nodeName, String... command) {
		return cli(runsOn.diagnosticsPath(), nodeName, true, command);
	}

	private static CommandLine cli(String program, String nodeName, boolean quiet, String... command) {
		List<String> arguments = new ArrayList<>();
		arguments.add(value("program", program));
		arguments.add("-n");
		arguments.add(value("node name", nodeName));
		if (quiet) {
			arguments.add("-q");
		}
		arguments.addAll(List.of(command));
		return new CommandLine(arguments);
	}

	/**
	 * A value is passed as one argument whatever it contains, but one that starts with a
	 * dash would be read by the CLI as an option ({@code forget_cluster_node --offline}),
	 * and a line break cannot be passed safely at all.
	 */
	private static String value(String what, String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The " + what + " is missing");
		}
		if (value.startsWith("-")) {
			throw new IllegalArgumentException("The " + what + " must not start with '-': " + value);
		}
		if (value.chars().anyMatch((c) -> c == '\n' || c == '\r' || c == 0)) {
			throw new IllegalArgumentException("The " + what + " must be on one line");
		}
		return value;
	}

	private static String seconds(Duration timeout) {
		long seconds = Math.max(1, (timeout.toMillis() + 999) / 1000);
		return Long.toString(seconds);
	}

}
