package dev.warren.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabEstate;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor against the lab's real, standalone nodes, registered as one cluster with no
 * management credentials (AMQP round trips as guest over loopback): a stopped node is
 * DOWN and a frozen one NOT_RESPONDING within about two seconds while the others stay UP,
 * and both come back; a balancer of the test's own whose process stops is DOWN. With
 * management credentials, the standalone nodes show that they are not the cluster the
 * inventory describes. Every test runs on both of the lab's estates, RabbitMQ 3.10 and
 * 4.0.
 */
@LabTest
@WarrenTest
@ParameterizedClass(name = "{0}")
@EnumSource(LabEstate.class)
@TestPropertySource(properties = { "warren.health.enabled=true", "warren.health.amqp-interval=500ms",
		"warren.health.amqp-timeout=1s", "warren.health.management-interval=1s" })
class HealthMonitorLabTests {

	/** The goal is 2 s; the margin absorbs a busy 2-core machine. */
	static final Duration DETECTION = Duration.ofMillis(2500);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	HealthMonitor monitor;

	final Lab lab = Lab.find().orElseThrow();

	@Parameter
	LabEstate estate;

	LabCluster nodes;

	List<Long> servers;

	long cluster;

	@BeforeEach
	void registerTheLabNodes() {
		Api api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, api, null, this.estate);
		this.servers = List.of(server(api, 0, false), server(api, 1, false), server(api, 2, false));
		this.cluster = api.cluster(this.servers.get(0), this.servers.get(1), this.servers.get(2));
		for (long server : this.servers) {
			await(server, HealthState.UP, Duration.ofSeconds(15));
		}
	}

	@Test
	void aStoppedNodeIsDownWithinTwoSecondsOfItsPortClosingAndUpWhenItStartsAgain() throws Exception {
		String node = this.nodes.node(1);
		int port = this.lab.port(this.estate.key(1, "amqpPort"));
		long server = this.servers.get(1);
		try {
			CompletableFuture<LabCluster.Result> stop = CompletableFuture
				.supplyAsync(() -> this.nodes.rabbitmqctl("-n", node, "stop_app"));
			long closedAt = awaitPortClosed(port, Duration.ofSeconds(20));
			await(server, HealthState.DOWN, Duration.ofSeconds(10));
			long millis = (System.nanoTime() - closedAt) / 1_000_000;
			System.out.println("stop_app: DOWN seen " + millis + " ms after the AMQP port closed");
			assertThat(millis).isLessThanOrEqualTo(DETECTION.toMillis());
			LabCluster.Result stopped = stop.get(30, TimeUnit.SECONDS);
			assertThat(stopped.exitCode()).as(stopped.output()).isZero();
			NodeHealth down = this.monitor.node(server).orElseThrow();
			assertThat(down.detail()).contains("refused");
			assertThat(this.monitor.node(this.servers.get(0)).orElseThrow().state()).isEqualTo(HealthState.UP);
			ClusterHealth health = this.monitor.cluster(this.cluster).orElseThrow();
			assertThat(health.status()).isEqualTo("degraded");
			assertThat(health.summary()).isEqualTo("degraded: 1 of 3 nodes down");
		}
		finally {
			this.nodes.startApp(node);
		}
		await(server, HealthState.UP, Duration.ofSeconds(10));
		await(this.cluster, "healthy", Duration.ofSeconds(5));
	}

	@Test
	void aBalancerWhoseProcessStopsIsDown(@TempDir Path dir) throws Exception {
		int port;
		try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = free.getLocalPort();
		}
		Path cfg = dir.resolve("haproxy.cfg");
		Files.writeString(cfg, """
				global
				  maxconn 100
				defaults
				  mode tcp
				  timeout connect 5s
				  timeout client 120s
				  timeout server 120s
				listen rabbit
				  bind 127.0.0.1:%d
				  server rabbit 127.0.0.1:%d
				""".formatted(port, this.lab.port(this.estate.key(0, "amqpPort"))));
		Path pid = dir.resolve("haproxy.pid");
		Process start = new ProcessBuilder("haproxy", "-W", "-D", "-f", cfg.toString(), "-p", pid.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(start.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(start.exitValue()).as(new String(start.getInputStream().readAllBytes())).isZero();
		LabCluster.waitUntil(Duration.ofSeconds(10), () -> Files.isReadable(pid));
		long master = Long.parseLong(Files.readAllLines(pid).get(0).strip());
		try {
			Api api = new Api(this.mvc);
			long balancer = Json.id(Api.body(api.post("/api/v1/balancers",
					Json.map("name", Api.unique("health-haproxy"), "kind", "HAPROXY", "clusterId", this.cluster,
							"hostServerId", this.servers.get(0), "listenAddress", "127.0.0.1", "listenPort", port)),
					201));
			awaitBalancer(balancer, HealthState.UP, Duration.ofSeconds(10));
			BalancerHealth up = this.monitor.balancer(balancer).orElseThrow();
			assertThat(up.roundTripMs()).isNotNull();
			assertThat(up.detail()).contains("through 127.0.0.1:" + port);

			ProcessHandle.of(master).ifPresent(ProcessHandle::destroy);
			long stoppedAt = System.nanoTime();
			awaitBalancer(balancer, HealthState.DOWN, Duration.ofSeconds(10));
			System.out
				.println("HAProxy stopped: DOWN seen after " + (System.nanoTime() - stoppedAt) / 1_000_000 + " ms");
			assertThat(this.monitor.balancer(balancer).orElseThrow().detail()).contains("refused");
			assertThat(this.monitor.cluster(this.cluster).orElseThrow().summary())
				.contains("balancer " + up.name() + " down");
			assertThat(this.monitor.recentLatency(TargetKind.BALANCER, balancer)).extracting(LatencyPoint::state)
				.contains(HealthState.UP, HealthState.DOWN);
		}
		finally {
			ProcessHandle.of(master).ifPresent(ProcessHandle::destroy);
		}
	}

	@Test
	void withManagementCredentialsStandaloneNodesShowTheirMembershipDisagreement() {
		Api api = new Api(this.mvc);
		List<Long> managed = List.of(server(api, 0, true), server(api, 1, true), server(api, 2, true));
		long cluster = api.cluster(managed.get(0), managed.get(1), managed.get(2));
		for (long server : managed) {
			await(server, HealthState.DEGRADED, Duration.ofSeconds(10));
		}
		NodeHealth node = this.monitor.node(managed.get(0)).orElseThrow();
		assertThat(node.alarms()).singleElement()
			.asString()
			.startsWith("membership: the node sees [" + this.nodes.node(0) + "], the inventory's cluster is [");
		assertThat(node.connections()).isNotNull().isNotNegative();
		assertThat(node.management().running()).isTrue();
		assertThat(node.management().uptimeMs()).isPositive();
		assertThat(node.management().fdUsed()).isPositive();
		ClusterHealth health = this.monitor.cluster(cluster).orElseThrow();
		assertThat(health.status()).isEqualTo("degraded");
		assertThat(health.summary()).startsWith("degraded: membership differs from the inventory (");
	}

	@Test
	void aRealTwoNodeClusterIsHealthyAndDegradedWhileAMemberIsStopped() {
		String primary = this.nodes.node(0);
		String joining = this.nodes.node(1);
		try {
			join(joining, primary);
			Api api = new Api(this.mvc);
			long a = server(api, 0, true);
			long b = server(api, 1, true);
			long cluster = api.cluster(a, b);
			for (long server : List.of(a, b)) {
				awaitThat(() -> this.monitor.node(server).map(NodeHealth::management).orElse(null),
						(facts) -> facts != null, Duration.ofSeconds(10), "management facts of " + server);
			}
			await(cluster, "healthy", Duration.ofSeconds(10));
			assertThat(this.monitor.cluster(cluster).orElseThrow().summary()).isEqualTo("healthy: 2 of 2 nodes up");
			NodeHealth member = this.monitor.node(a).orElseThrow();
			assertThat(member.state()).isEqualTo(HealthState.UP);
			assertThat(member.alarms()).isEmpty();
			assertThat(member.management().members()).containsExactlyInAnyOrder(primary, joining);

			LabCluster.Result stop = this.nodes.rabbitmqctl("-n", joining, "stop_app");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			await(b, HealthState.DOWN, Duration.ofSeconds(3));
			await(cluster, "degraded", Duration.ofSeconds(3));
			assertThat(this.monitor.cluster(cluster).orElseThrow().summary()).isEqualTo("degraded: 1 of 2 nodes down");
			// The peer being down degrades the cluster, not the node that answers.
			assertThat(this.monitor.node(a).orElseThrow().state()).isEqualTo(HealthState.UP);
			this.nodes.startApp(joining);
			await(cluster, "healthy", Duration.ofSeconds(15));
		}
		finally {
			this.nodes.startApp(joining);
			this.nodes.makeStandalone(joining);
			this.nodes.makeStandalone(primary);
		}
	}

	void join(String node, String primary) {
		for (String[] command : new String[][] { { "-n", node, "stop_app" }, { "-n", node, "join_cluster", primary },
				{ "-n", node, "start_app" } }) {
			LabCluster.Result result = this.nodes.rabbitmqctl(command);
			assertThat(result.exitCode()).as(String.join(" ", command) + ": " + result.output()).isZero();
		}
	}

	@Test
	void followsAServerAddedEditedAndDeletedWithoutARestart() throws Exception {
		Api api = new Api(this.mvc);
		Map<String, Object> body = Json.server(Api.unique("health-loose"));
		body.put("host", "127.0.0.1");
		body.put("nodeName", this.nodes.node(0));
		body.put("amqpPort", this.lab.port(this.estate.key(0, "amqpPort")));
		long server = Json.id(Api.body(api.post("/api/v1/servers", body), 201));
		await(server, HealthState.UP, Duration.ofSeconds(10));
		assertThat(this.monitor.cluster(ClusterHealth.NO_CLUSTER).orElseThrow().nodes())
			.extracting(NodeHealth::serverId)
			.contains(server);

		int closed;
		try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closed = free.getLocalPort();
		}
		body.put("amqpPort", closed);
		Api.body(api.put("/api/v1/servers/" + server, body), 200);
		await(server, HealthState.DOWN, Duration.ofSeconds(5));
		assertThat(this.monitor.node(server).orElseThrow().detail()).contains("127.0.0.1:" + closed);

		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", server).with(dev.warren.support.Accounts.asAdmin()))
			.hasStatus(204);
		awaitThat(() -> this.monitor.node(server).isPresent(), (present) -> !present, Duration.ofSeconds(5),
				"server " + server + " gone");
	}

	static long awaitPortClosed(int port, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
			}
			catch (IOException ex) {
				return System.nanoTime();
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
		throw new AssertionError("port " + port + " still accepts after " + timeout);
	}

	long awaitBalancer(long id, HealthState state, Duration timeout) {
		return awaitThat(() -> this.monitor.balancer(id).map(BalancerHealth::state).orElse(null),
				(found) -> found == state, timeout, "balancer " + id + " " + state);
	}

	@Test
	void aFrozenNodeIsNotRespondingWithinTwoSecondsWhileTheOthersStayUp() throws Exception {
		String pid = this.lab.get(this.estate.key(2, "pid"));
		long frozen = this.servers.get(2);
		signal("STOP", pid);
		try {
			long millis = await(frozen, HealthState.NOT_RESPONDING, DETECTION);
			System.out.println("SIGSTOP -> NOT_RESPONDING seen after " + millis + " ms");
			// Independence: the others keep answering while the frozen node blocks its
			// probes.
			long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			while (System.nanoTime() < end) {
				for (long other : List.of(this.servers.get(0), this.servers.get(1))) {
					NodeHealth health = this.monitor.node(other).orElseThrow();
					assertThat(health.state()).as(health.detail()).isEqualTo(HealthState.UP);
				}
				assertThat(this.monitor.node(frozen).orElseThrow().state()).isEqualTo(HealthState.NOT_RESPONDING);
				Thread.sleep(200);
			}
			assertThat(this.monitor.cluster(this.cluster).orElseThrow().summary())
				.isEqualTo("degraded: 1 of 3 nodes not responding");
		}
		finally {
			signal("CONT", pid);
		}
		await(frozen, HealthState.UP, Duration.ofSeconds(10));
	}

	long server(Api api, int index, boolean management) {
		Map<String, Object> body = Json.server(Api.unique("health-" + index));
		body.put("host", "127.0.0.1");
		body.put("nodeName", this.nodes.node(index));
		body.put("amqpPort", this.lab.port(this.estate.key(index, "amqpPort")));
		body.put("managementPort", this.lab.port(this.estate.key(index, "managementPort")));
		if (management) {
			body.put("managementUser", this.lab.get("rabbit.managementUser"));
			body.put("managementPassword", this.lab.get("rabbit.managementPassword"));
		}
		return Json.id(Api.body(api.post("/api/v1/servers", body), 201));
	}

	/** Waits for a node's state; returns how long it took. */
	long await(long serverId, HealthState state, Duration timeout) {
		return awaitThat(() -> this.monitor.node(serverId).map(NodeHealth::state).orElse(null),
				(found) -> found == state, timeout, "server " + serverId + " " + state);
	}

	long await(long clusterId, String status, Duration timeout) {
		return awaitThat(() -> this.monitor.cluster(clusterId).map(ClusterHealth::summary).orElse(null),
				(found) -> found != null && found.startsWith(status), timeout, "cluster " + clusterId + " " + status);
	}

	static <T> long awaitThat(java.util.function.Supplier<T> value, Predicate<T> condition, Duration timeout,
			String what) {
		long start = System.nanoTime();
		long deadline = start + timeout.toNanos();
		T last = value.get();
		while (!condition.test(last)) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not " + what + " within " + timeout + "; last seen: " + last);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
			last = value.get();
		}
		return (System.nanoTime() - start) / 1_000_000;
	}

	static void signal(String signal, String pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, pid).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

}
