package dev.warren.rabbitmq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * What {@code rabbitmqctl status --formatter json} says about one node.
 *
 * @param nodeName the node, as its listeners name it ({@code null} when it has none)
 * @param rabbitmqVersion e.g. {@code 3.10.8}
 * @param erlangVersion the runtime, shortened to e.g. {@code Erlang/OTP 25 [erts-13.1.5]}
 * @param configFiles the configuration files the node read at boot
 * @param running whether the RabbitMQ application serves clients: the Erlang node can
 * answer {@code status} with its app stopped, but then it has no listener
 * @param alarms resource alarms in effect on the node
 * @param listeners the ports the node listens on
 * @param underMaintenance whether the node was drained ({@code rabbitmq-upgrade drain})
 */
public record NodeStatus(String nodeName, String rabbitmqVersion, String erlangVersion, List<String> configFiles,
		boolean running, List<String> alarms, List<Listener> listeners, String os, String dataDirectory,
		boolean underMaintenance, long uptimeSeconds) {

	public NodeStatus {
		configFiles = List.copyOf(configFiles);
		alarms = List.copyOf(alarms);
		listeners = List.copyOf(listeners);
	}

	/**
	 * One listening socket of the node.
	 *
	 * @param protocol amqp, amqp/ssl, http, clustering, …
	 */
	public record Listener(String node, String address, int port, String protocol) {

	}

	/**
	 * @throws IllegalArgumentException when the output holds no node status
	 */
	public static NodeStatus parse(String json) {
		JsonNode root = CliJson.object(json, "status");
		if (!root.has("rabbitmq_version") && !root.has("erlang_version")) {
			throw new IllegalArgumentException("The status output names no version: " + CliJson.abbreviate(json));
		}
		List<Listener> listeners = new ArrayList<>();
		JsonNode listenersNode = root.path("listeners");
		if (listenersNode.isArray()) {
			for (JsonNode listener : listenersNode.values()) {
				listeners.add(new Listener(CliJson.text(listener, "node"), CliJson.text(listener, "interface"),
						listener.path("port").asInt(0), CliJson.text(listener, "protocol")));
			}
		}
		String nodeName = listeners.stream()
			.map(Listener::node)
			.filter((node) -> node != null)
			.findFirst()
			.orElse(null);
		return new NodeStatus(nodeName, CliJson.text(root, "rabbitmq_version"),
				shortErlang(CliJson.text(root, "erlang_version")), CliJson.strings(root, "config_files"),
				!listeners.isEmpty(), CliJson.alarms(root, "alarms"), listeners, CliJson.text(root, "os"),
				CliJson.text(root, "data_directory"), root.path("is_under_maintenance").asBoolean(false),
				root.path("uptime").asLong(0));
	}

	/**
	 * "Erlang/OTP 25 [erts-13.1.5] [source] [64-bit] [smp:2:2] …" without the build
	 * flags.
	 */
	private static String shortErlang(String full) {
		if (full == null) {
			return null;
		}
		int erts = full.indexOf("[erts-");
		int end = (erts < 0) ? -1 : full.indexOf(']', erts);
		return (end < 0) ? full.strip() : full.substring(0, end + 1).strip();
	}

	/** The version, if RabbitMQ reported one that parses. */
	public Optional<RabbitmqVersion> version() {
		try {
			return Optional.ofNullable(this.rabbitmqVersion).map(RabbitmqVersion::parse);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The first port the node listens on for {@code protocol} (amqp, http, clustering…).
	 */
	public Optional<Integer> port(String protocol) {
		return this.listeners.stream()
			.filter((listener) -> protocol.equals(listener.protocol()))
			.map(Listener::port)
			.findFirst();
	}

}
