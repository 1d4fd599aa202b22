package dev.warren.rabbitmq;

import java.util.Objects;

import dev.warren.inventory.OperatingSystem;
import dev.warren.inventory.ServerView;

/**
 * A RabbitMQ node as the CLI addresses it: the server it runs on, its node name (exactly
 * as the node reports it: names are case-sensitive) and where its CLI tools live.
 *
 * @param rabbitmqctlPath the {@code rabbitmqctl} executable; blank means the OS default
 */
public record RabbitmqNode(long serverId, String serverName, String host, String nodeName, OperatingSystem os,
		String rabbitmqctlPath) {

	private static final String DIAGNOSTICS_LINUX = "rabbitmq-diagnostics";

	private static final String DIAGNOSTICS_WINDOWS = "rabbitmq-diagnostics.bat";

	public RabbitmqNode {
		Objects.requireNonNull(nodeName, "nodeName");
		Objects.requireNonNull(os, "os");
		if (rabbitmqctlPath == null || rabbitmqctlPath.isBlank()) {
			rabbitmqctlPath = os.defaultRabbitmqctlPath();
		}
	}

	/**
	 * The node of an inventory server.
	 * @throws IllegalArgumentException when the server has no RabbitMQ node name
	 */
	public static RabbitmqNode of(ServerView server) {
		if (server.nodeName() == null || server.nodeName().isBlank()) {
			throw new IllegalArgumentException("Server '" + server.name() + "' has no RabbitMQ node name");
		}
		return new RabbitmqNode(server.id(), server.name(), server.host(), server.nodeName(), server.os(),
				server.rabbitmqctlPath());
	}

	/**
	 * {@code rabbitmq-diagnostics} from the same directory as {@code rabbitmqctl}
	 * ({@code rabbitmq-diagnostics.bat} on Windows), or the bare name when
	 * {@code rabbitmqctl} is found through the PATH.
	 */
	public String diagnosticsPath() {
		boolean windows = this.os == OperatingSystem.WINDOWS;
		String name = windows ? DIAGNOSTICS_WINDOWS : DIAGNOSTICS_LINUX;
		int end = windows
				? Math.max(Math.max(this.rabbitmqctlPath.lastIndexOf('\\'), this.rabbitmqctlPath.lastIndexOf('/')),
						this.rabbitmqctlPath.lastIndexOf(':'))
				: this.rabbitmqctlPath.lastIndexOf('/');
		return (end < 0) ? name : this.rabbitmqctlPath.substring(0, end + 1) + name;
	}

	/** The host part of the node name, the name the node's peers must resolve. */
	public String nodeHost() {
		int at = this.nodeName.indexOf('@');
		return (at < 0) ? "" : this.nodeName.substring(at + 1);
	}

}
