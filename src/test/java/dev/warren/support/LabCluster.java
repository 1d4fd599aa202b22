package dev.warren.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.warren.remote.RemoteShells;

/**
 * The lab's RabbitMQ nodes as Warren servers, and the lab's own {@code rabbitmqctl} to
 * look at them from outside Warren and to put them back as they were.
 */
public final class LabCluster {

	private final Lab lab;

	private final java.util.function.Function<Map<String, Object>, Long> createServer;

	private final RemoteShells shells;

	private final LabEstate estate;

	public LabCluster(Lab lab, Api api, RemoteShells shells) {
		this(lab, api, shells, LabEstate.RABBITMQ_3_10);
	}

	/** The nodes of one of the lab's estates (3.10 or 4.0). */
	public LabCluster(Lab lab, Api api, RemoteShells shells, LabEstate estate) {
		this(lab, (body) -> Json.id(Api.body(api.post("/api/v1/servers", body), 201)), shells, estate);
	}

	/**
	 * @param createServer posts a server body and returns the new server's id
	 */
	public LabCluster(Lab lab, java.util.function.Function<Map<String, Object>, Long> createServer,
			RemoteShells shells) {
		this(lab, createServer, shells, LabEstate.RABBITMQ_3_10);
	}

	public LabCluster(Lab lab, java.util.function.Function<Map<String, Object>, Long> createServer, RemoteShells shells,
			LabEstate estate) {
		this.lab = lab;
		this.createServer = createServer;
		this.shells = shells;
		this.estate = estate;
	}

	public LabEstate estate() {
		return this.estate;
	}

	public String node(int index) {
		return this.lab.get(this.estate.key(index, "node"));
	}

	public String stranger() {
		return this.lab.get("stranger.node");
	}

	/**
	 * A server for the node, reached as root with the lab's ed25519 key; its host key
	 * trusted.
	 */
	public long rootServer(String nodeName) {
		Map<String, Object> body = Json.map("name", Api.unique(nodeName.replace('@', '-')), "host", "127.0.0.1",
				"sshPort", this.lab.port(this.estate.sshPortKey()), "sshUser", "root", "auth",
				Json.map("type", "PRIVATE_KEY", "privateKey", read(this.lab.get("ssh.root.keyFile"))), "os", "LINUX",
				"nodeName", nodeName);
		return trusted(this.createServer.apply(body));
	}

	/**
	 * Like {@link #rootServer(String)} for the lab's {@code index}-th node, with its real
	 * AMQP and management ports (for what connects to them, such as a balancer).
	 */
	public long rootServerWithPorts(int index) {
		Map<String, Object> body = Json.map("name", Api.unique(node(index).replace('@', '-')), "host", "127.0.0.1",
				"sshPort", this.lab.port(this.estate.sshPortKey()), "sshUser", "root", "auth",
				Json.map("type", "PRIVATE_KEY", "privateKey", read(this.lab.get("ssh.root.keyFile"))), "os", "LINUX",
				"nodeName", node(index), "amqpPort", this.lab.port(this.estate.key(index, "amqpPort")),
				"managementPort", this.lab.port(this.estate.key(index, "managementPort")));
		return trusted(this.createServer.apply(body));
	}

	/**
	 * Joins a lab node into the primary's cluster with the lab's own rabbitmqctl, outside
	 * Warren ({@link #makeStandalone} undoes it).
	 */
	public void join(String node, String primary) {
		for (String[] command : new String[][] { { "-n", node, "stop_app" }, { "-n", node, "join_cluster", primary },
				{ "-n", node, "start_app" } }) {
			Result result = rabbitmqctl(command);
			if (result.exitCode() != 0) {
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", command) + ": " + result.output());
			}
		}
	}

	/**
	 * A server for the node, reached as the non-root password user with {@code sudo -n}.
	 */
	public long sudoServer(String nodeName) {
		Map<String, Object> body = Json.map("name", Api.unique(nodeName.replace('@', '-')), "host", "127.0.0.1",
				"sshPort", this.lab.port("ssh.port"), "sshUser", this.lab.get("ssh.password.user"), "auth",
				Json.map("type", "PASSWORD", "password", this.lab.get("ssh.password.password")), "os", "LINUX",
				"nodeName", nodeName, "useSudo", true);
		return trusted(this.createServer.apply(body));
	}

	/**
	 * A server for the node, reached as the lab's careful-estate user: password login and
	 * {@code sudo -n} allowed only for {@code rabbitmqctl}, {@code rabbitmq-diagnostics}
	 * and {@code nginx} ({@code lab.properties}: {@code ssh.narrow.sudo}).
	 * @param extra more fields of the server body (for example another
	 * {@code rabbitmqctlPath})
	 */
	public long narrowServer(String nodeName, Map<String, Object> extra) {
		Map<String, Object> body = Json.map("name", Api.unique("narrow-" + nodeName.replace('@', '-')), "host",
				"127.0.0.1", "sshPort", this.lab.port("ssh.port"), "sshUser", this.lab.get("ssh.narrow.user"), "auth",
				Json.map("type", "PASSWORD", "password", this.lab.get("ssh.narrow.password")), "os", "LINUX",
				"nodeName", nodeName, "useSudo", true);
		body.putAll(extra);
		return trusted(this.createServer.apply(body));
	}

	public long trusted(long serverId) {
		String fingerprint = this.shells.hostKeyStatus(serverId).presented().fingerprint();
		this.shells.trust(serverId, fingerprint, "lab-test");
		return serverId;
	}

	/** Runs the lab's rabbitmqctl on this machine, outside Warren. */
	public Result rabbitmqctl(String... arguments) {
		List<String> command = new ArrayList<>(this.estate.rabbitmqctl(this.lab));
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			if (!process.waitFor(90, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("rabbitmqctl " + String.join(" ", arguments) + " did not finish");
			}
			return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes()));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public String clusterStatus(String node) {
		Result result = rabbitmqctl("-n", node, "cluster_status", "--formatter", "json");
		if (result.exitCode() != 0) {
			throw new IllegalStateException(result.output());
		}
		return result.output();
	}

	/** Puts a node back as the lab started it: standalone, application running. */
	public void makeStandalone(String node) {
		Result status = rabbitmqctl("-n", node, "cluster_status", "--formatter", "json");
		if (status.exitCode() == 0) {
			dev.warren.rabbitmq.ClusterStatus cluster = dev.warren.rabbitmq.ClusterStatus.parse(status.output());
			if (cluster.diskNodes().equals(List.of(node)) && cluster.runningNodes().equals(List.of(node))) {
				return;
			}
		}
		rabbitmqctl("-n", node, "stop_app");
		rabbitmqctl("-n", node, "reset");
		rabbitmqctl("-n", node, "start_app");
	}

	public void startApp(String node) {
		rabbitmqctl("-n", node, "start_app");
	}

	public static void waitUntil(Duration timeout, java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Condition not met within " + timeout);
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static String read(String path) {
		try {
			return Files.readString(Path.of(path));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** What a local command printed. */
	public record Result(int exitCode, String output) {

	}

}
