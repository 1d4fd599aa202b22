package dev.warren.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor against the lab's real, standalone nodes, registered as one cluster with no
 * management credentials (AMQP round trips as guest over loopback): a stopped node is
 * DOWN and a frozen one NOT_RESPONDING within about two seconds while the others stay UP,
 * and both come back.
 */
@LabTest
@WarrenTest
@TestPropertySource(properties = { "warren.health.enabled=true", "warren.health.amqp-interval=500ms",
		"warren.health.amqp-timeout=1s" })
class HealthMonitorLabTests {

	/** The goal is 2 s; the margin absorbs a busy 2-core machine. */
	static final Duration DETECTION = Duration.ofMillis(2500);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	HealthMonitor monitor;

	final Lab lab = Lab.find().orElseThrow();

	LabCluster nodes;

	List<Long> servers;

	long cluster;

	@BeforeEach
	void registerTheLabNodes() {
		Api api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, api, null);
		this.servers = List.of(server(api, 0, false), server(api, 1, false), server(api, 2, false));
		this.cluster = api.cluster(this.servers.get(0), this.servers.get(1), this.servers.get(2));
		for (long server : this.servers) {
			await(server, HealthState.UP, Duration.ofSeconds(15));
		}
	}

	@Test
	void aStoppedNodeIsDownWithinTwoSecondsAndUpWhenItStartsAgain() {
		String node = this.nodes.node(1);
		long server = this.servers.get(1);
		try {
			LabCluster.Result stop = this.nodes.rabbitmqctl("-n", node, "stop_app");
			assertThat(stop.exitCode()).as(stop.output()).isZero();
			long millis = await(server, HealthState.DOWN, DETECTION);
			System.out.println("stop_app -> DOWN seen " + millis + " ms after stop_app returned");
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
	void aFrozenNodeIsNotRespondingWithinTwoSecondsWhileTheOthersStayUp() throws Exception {
		String pid = this.lab.get("rabbit.2.pid");
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
		body.put("amqpPort", this.lab.port("rabbit." + index + ".amqpPort"));
		body.put("managementPort", this.lab.port("rabbit." + index + ".managementPort"));
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
