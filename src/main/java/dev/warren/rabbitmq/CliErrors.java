package dev.warren.rabbitmq;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what {@code rabbitmqctl} and {@code rabbitmq-diagnostics} print when they fail
 * into one sentence an administrator can act on. The CLI's own diagnostics are long and
 * list every possible cause; the lines that tell them apart are the ones read here.
 */
public final class CliErrors {

	private static final Pattern OPERATION_ON_NODE = Pattern
		.compile("unable to perform an operation on node '([^']+)'");

	private static final Pattern ATTEMPTED = Pattern.compile("attempted to contact: \\[([^\\]]+)\\]");

	private static final Pattern CLI_NODE_OPTION = Pattern.compile("node: :\"?([^\\s,\"]+)");

	private static final Pattern CLUSTERING_BANNER = Pattern.compile("Clustering node (\\S+) with \\[?([^\\s\\]]+)");

	private static final Pattern NODE_OPTION = Pattern.compile("-n (\\S+)");

	private static final Pattern NOT_RUNNING_AT_ALL = Pattern
		.compile("epmd reports: node '([^']+)' not running at all");

	private static final Pattern OTHER_NODES = Pattern.compile("other nodes on (\\S+): \\[([^\\]]*)\\]");

	private static final Pattern EPMD_UNREACHABLE = Pattern
		.compile("unable to connect to epmd \\(port (\\d+)\\) on ([^:\\s]+): ([^\\n]+)");

	private static final Pattern TCP_FAILED = Pattern
		.compile("can't establish TCP connection to the target node, reason: ([^\\n]+)");

	private static final Pattern DIST_PORT = Pattern.compile("uses port (\\d+) for inter-node");

	private static final Pattern APP_NOT_RUNNING = Pattern.compile("node (\\S+) up, 'rabbit' application not running");

	private static final Pattern CHECK_RUNNING_FAILED = Pattern
		.compile("RabbitMQ on node (\\S+) is not running or has not fully booted yet");

	private static final Pattern FAILED_TO_CONNECT = Pattern
		.compile("Failed to connect and authenticate to (\\S+) in (\\d+) ms");

	private static final Pattern ALARM = Pattern
		.compile("(?i)\\b(memory|disk|disk free|file descriptor)\\s+alarm on node (\\S+)");

	private static final Pattern NOT_FOUND_POSIX = Pattern
		.compile("(?m)(?:^|: )(\\S+): (?:No such file or directory|command not found|Permission denied)\\s*$");

	private static final Pattern NOT_FOUND_WINDOWS = Pattern
		.compile("'([^']+)' is not recognized as an internal or external command");

	private static final Pattern ONLY_ROOT = Pattern.compile("Only root or rabbitmq (?:should|can) run (\\S+)");

	private static final Pattern SELF_JOIN = Pattern.compile("cannot cluster node with itself: (\\S+)");

	private static final Pattern MUST_BE_STOPPED = Pattern.compile(
			"RabbitMQ on node (\\S+) must be stopped with 'rabbitmqctl -n \\S+ stop_app' before it can be removed");

	private static final Pattern INCONSISTENT = Pattern
		.compile("Node '?([^'\\s]+)'? thinks it's clustered with node '?([^'\\s]+)'?, but '?([^'\\s]+?)'? disagrees");

	private static final Pattern UNKNOWN_COMMAND = Pattern.compile("Command '([^']+)' not found");

	private static final Pattern TIMED_OUT = Pattern.compile(
			"(?i)timed out while waiting for a response from (\\S+?)\\.?(?=\\s|$)|operation timed out|\\{:timeout\\b");

	private static final Pattern ERROR_LINE = Pattern.compile("(?m)^Error:?\\s*(\\S.*)$");

	private CliErrors() {
	}

	/**
	 * Whether the target node refused the CLI's (or the joining node's) Erlang cookie:
	 * its distribution port accepted the connection, then the handshake failed.
	 */
	public static boolean isCookieMismatch(int exitCode, String output) {
		String text = (output != null) ? output : "";
		return exitCode != 0 && (text.contains("Erlang distribution failed")
				|| text.contains("Authentication failed (rejected by the remote node)")
				|| text.contains("Invalid challenge reply"));
	}

	/**
	 * Whether the CLI ran and could not reach the node: exit 69 "unable to perform an
	 * operation on node" without a cookie problem (the node, or its host, is down). A
	 * refused sudo or a missing CLI is not this.
	 */
	public static boolean isNodeUnreachable(int exitCode, String output) {
		String text = (output != null) ? output : "";
		return exitCode == 69 && text.contains("unable to perform an operation on node")
				&& !isCookieMismatch(exitCode, text) && !needsPrivileges(exitCode, text);
	}

	/**
	 * Whether the shell could not find (or not execute) the CLI itself: exit 127/126, "No
	 * such file or directory", "command not found", or cmd.exe's "is not recognized".
	 */
	public static boolean isCommandNotFound(int exitCode, String output) {
		String text = (output != null) ? output : "";
		return exitCode == 127 || exitCode == 126
				|| (exitCode != 0 && (NOT_FOUND_POSIX.matcher(text).find()
						|| text.contains("is not recognized as an internal or external command")
						|| text.contains("The system cannot find the path specified")));
	}

	/**
	 * Whether the CLI refused to run for lack of privileges: Debian's wrappers accept
	 * only root and rabbitmq ("Only root or rabbitmq should run rabbitmqctl"), or sudo
	 * would not run without a password.
	 */
	public static boolean needsPrivileges(int exitCode, String output) {
		String text = (output != null) ? output : "";
		return exitCode != 0 && (ONLY_ROOT.matcher(text).find() || text.contains("sudo: a password is required")
				|| text.contains("sudo: a terminal is required") || text.contains("is not in the sudoers file")
				|| text.contains("is not allowed to execute"));
	}

	/**
	 * One sentence saying what went wrong and what to do about it.
	 * @param output stdout and stderr together, as {@code CommandResult.output()} gives
	 * them
	 */
	public static String explain(int exitCode, String output) {
		String text = (output != null) ? output.replaceAll("\u001B\\[[0-9;]*m", "") : "";
		if (exitCode == 0) {
			return text.contains("already a member")
					? "The node is already a member of this cluster: there is nothing to join."
					: "The command succeeded.";
		}
		return notRunnable(exitCode, text).or(() -> unreachable(exitCode, text))
			.or(() -> joinFailure(text))
			.or(() -> nodeState(text))
			.orElseGet(() -> fallback(exitCode, text));
	}

	private static Optional<String> notRunnable(int exitCode, String text) {
		Matcher onlyRoot = ONLY_ROOT.matcher(text);
		if (onlyRoot.find()) {
			return Optional.of(onlyRoot.group(1) + " refuses to run as this SSH user: turn on \"Run commands with "
					+ "sudo -n\" for this server (the user needs password-less sudo for it), or log in as root.");
		}
		if (text.contains("sudo: a password is required") || text.contains("sudo: a terminal is required")) {
			return Optional.of("sudo asked for a password: allow this SSH user to run the RabbitMQ CLI with sudo "
					+ "without a password (NOPASSWD in sudoers).");
		}
		if (text.contains("is not in the sudoers file") || text.contains("is not allowed to execute")) {
			return Optional.of("This SSH user may not use sudo for the RabbitMQ CLI: add a NOPASSWD sudoers rule for "
					+ "rabbitmqctl and rabbitmq-diagnostics, or log in as root.");
		}
		Matcher posix = NOT_FOUND_POSIX.matcher(text);
		if (exitCode == 127 || exitCode == 126 || posix.find() || text.contains("is not recognized as an internal")
				|| text.contains("The system cannot find the path specified")) {
			String path = posix.find(0) ? posix.group(1) : null;
			Matcher windows = NOT_FOUND_WINDOWS.matcher(text);
			if (windows.find()) {
				path = windows.group(1);
			}
			String what = (path != null) ? path : "The RabbitMQ CLI";
			return Optional.of(text.contains("Permission denied") || exitCode == 126 ? what
					+ " cannot be executed by this SSH user: check its permissions or turn on sudo for this server."
					: what + " was not found on the server: set the server's rabbitmqctl path to where RabbitMQ's "
							+ "sbin directory really is (e.g. /usr/sbin/rabbitmqctl, or …\\sbin\\rabbitmqctl.bat on "
							+ "Windows).");
		}
		Matcher unknownCommand = UNKNOWN_COMMAND.matcher(text);
		if (unknownCommand.find()) {
			return Optional.of("This RabbitMQ CLI has no command '" + unknownCommand.group(1)
					+ "': the RabbitMQ version on the server is older or newer than expected.");
		}
		return Optional.empty();
	}

	private static Optional<String> unreachable(int exitCode, String text) {
		String node = targetNode(text);
		if (isCookieMismatch(exitCode, text)) {
			return Optional.of(name(node, "The node") + " rejected the Erlang cookie: make the .erlang.cookie file "
					+ "identical on every node and for the user running the CLI (/var/lib/rabbitmq/.erlang.cookie "
					+ "on Linux), then restart the node; if the cookies already match, check that every server "
					+ "resolves the node names' host parts the same way.");
		}
		Matcher notRunning = NOT_RUNNING_AT_ALL.matcher(text);
		if (notRunning.find()) {
			Matcher others = OTHER_NODES.matcher(text);
			String host = (node != null) ? hostPart(node) : null;
			String known = others.find()
					? " (epmd on " + others.group(1) + " knows only: " + others.group(2).replace(",", ", ") + ")"
					: (host != null) ? " (no RabbitMQ node runs on " + host + ")" : "";
			return Optional.of(name(node, "The node") + " is not running" + known
					+ ": start it, or check the node name, which is case-sensitive.");
		}
		Matcher epmd = EPMD_UNREACHABLE.matcher(text);
		if (epmd.find()) {
			String host = epmd.group(2);
			String reason = epmd.group(3).strip();
			if (reason.contains("nxdomain") || reason.contains("couldn't resolve") || reason.contains("non-existing")) {
				return Optional.of("The host name '" + host + "' in the node name does not resolve on this server: add "
						+ "it to DNS or the hosts file, or use the node name the node really has.");
			}
			return Optional.of("epmd (port " + epmd.group(1) + ") on " + host + " cannot be reached (" + reason
					+ "): check that the node runs and that a firewall lets port " + epmd.group(1) + " through.");
		}
		Matcher tcp = TCP_FAILED.matcher(text);
		if (tcp.find()) {
			Matcher port = DIST_PORT.matcher(text);
			String distPort = port.find() ? port.group(1) : "25672";
			return Optional.of(name(node, "The node") + " is registered with epmd but its distribution port " + distPort
					+ " cannot be reached (" + tcp.group(1).strip() + "): open ports 4369 and " + distPort
					+ " between the servers.");
		}
		Matcher failed = FAILED_TO_CONNECT.matcher(text);
		if (failed.find()) {
			return Optional.of("Could not connect to and authenticate with " + failed.group(1)
					+ ": the node is down, its host name does not resolve from here, ports 4369/25672 are blocked, "
					+ "or its Erlang cookie differs (run the test on its own server to tell which).");
		}
		if (text.contains("{:badrpc, :nodedown}") || text.contains("nodedown")) {
			return Optional.of(name(node, "The node") + " could not be contacted: it is down, unreachable, or uses "
					+ "another Erlang cookie.");
		}
		return Optional.empty();
	}

	private static Optional<String> joinFailure(String text) {
		Matcher banner = CLUSTERING_BANNER.matcher(text);
		String joining = null;
		String target = null;
		if (banner.find()) {
			joining = banner.group(1);
			target = banner.group(2);
		}
		if (text.contains("requires the 'rabbit' app to be stopped")) {
			Matcher option = NODE_OPTION.matcher(text);
			String node = option.find() ? option.group(1) : joining;
			return Optional.of("Stop the RabbitMQ application on " + name(node, "the joining node")
					+ " first (rabbitmqctl stop_app): before RabbitMQ 4.1, join_cluster only works on a stopped node.");
		}
		Matcher self = SELF_JOIN.matcher(text);
		if (self.find()) {
			return Optional.of(self.group(1) + " cannot join itself: join it to another member of the cluster.");
		}
		if (text.contains("mnesia_not_running")) {
			return Optional.of("The node to join, " + name(target, "the primary")
					+ ", has its RabbitMQ application stopped: start it (rabbitmqctl start_app) and retry.");
		}
		if (text.contains("discover_cluster") && text.contains("badarg")) {
			return Optional.of("The cluster of " + name(target, "the node to join")
					+ " could not be discovered under that name: use the node name exactly as that node reports "
					+ "it (rabbit@<short host name>), not an IP address.");
		}
		Matcher inconsistent = INCONSISTENT.matcher(text);
		if (inconsistent.find()) {
			return Optional.of(inconsistent.group(1) + " and " + inconsistent.group(2)
					+ " disagree about the cluster's members: reset " + inconsistent.group(1)
					+ " (its data is lost) or remove it with forget_cluster_node, then join again.");
		}
		if (text.contains("incompatible_feature_flags") || text.contains("incompatible feature flags")) {
			return Optional.of("The nodes' RabbitMQ versions are incompatible (their feature flags differ): run the "
					+ "same release series on every node and enable all feature flags.");
		}
		Matcher mustBeStopped = MUST_BE_STOPPED.matcher(text);
		if (mustBeStopped.find()) {
			return Optional.of("Stop the RabbitMQ application on " + mustBeStopped.group(1)
					+ " (rabbitmqctl stop_app) before removing it from the cluster.");
		}
		return Optional.empty();
	}

	private static Optional<String> nodeState(String text) {
		Matcher app = APP_NOT_RUNNING.matcher(text);
		if (app.find()) {
			return Optional.of("The Erlang node " + app.group(1)
					+ " is up but its RabbitMQ application is stopped: start it with rabbitmqctl start_app.");
		}
		Matcher check = CHECK_RUNNING_FAILED.matcher(text);
		if (check.find()) {
			return Optional.of("RabbitMQ on " + check.group(1)
					+ " is not running or still booting: start it with rabbitmqctl start_app, or wait for it to boot.");
		}
		Matcher alarm = ALARM.matcher(text);
		if (alarm.find()) {
			String resource = alarm.group(1).toLowerCase(java.util.Locale.ROOT);
			String remedy = resource.startsWith("memory") ? "free memory or raise vm_memory_high_watermark"
					: resource.startsWith("disk") ? "free disk space or lower disk_free_limit" : "raise the limit";
			return Optional.of("A " + resource + " alarm is in effect on " + alarm.group(2)
					+ ", so publishers are blocked: " + remedy + ".");
		}
		Matcher timeout = TIMED_OUT.matcher(text);
		if (timeout.find()) {
			String node = (timeout.group(1) != null) ? timeout.group(1) : targetNode(text);
			return Optional.of(name(node, "The node") + " did not answer in time: it may be overloaded, booting or "
					+ "partitioned; check its log.");
		}
		return Optional.empty();
	}

	private static String fallback(int exitCode, String text) {
		String node = targetNode(text);
		if (text.contains("unable to perform an operation on node")) {
			return name(node, "The node") + " could not be reached: check that it runs, that its host name resolves "
					+ "and that ports 4369 and 25672 are open.";
		}
		Matcher error = ERROR_LINE.matcher(text);
		String detail = null;
		while (error.find()) {
			detail = error.group(1).strip();
			if (!detail.isEmpty()) {
				break;
			}
		}
		if (detail == null || detail.isEmpty()) {
			detail = text.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.reduce((first, second) -> second)
				.orElse("no output");
		}
		return "The command failed with exit code " + exitCode + ": " + CliJson.abbreviate(detail)
				+ (detail.endsWith(".") ? "" : ".");
	}

	private static String targetNode(String text) {
		Matcher operation = OPERATION_ON_NODE.matcher(text);
		if (operation.find()) {
			return operation.group(1);
		}
		Matcher attempted = ATTEMPTED.matcher(text);
		if (attempted.find()) {
			return attempted.group(1).split(",")[0].strip();
		}
		Matcher option = CLI_NODE_OPTION.matcher(text);
		return option.find() ? option.group(1) : null;
	}

	private static String hostPart(String node) {
		int at = node.indexOf('@');
		return (at < 0) ? null : node.substring(at + 1);
	}

	private static String name(String node, String otherwise) {
		return (node != null) ? node : otherwise;
	}

}
