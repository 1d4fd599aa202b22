package dev.warren.balancer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a frozen node (SIGSTOP) keeps its port open, so neither NGINX nor HAProxy
 * notices it; with the cluster's ejection policy on, Warren takes it out of both (NGINX
 * by a push with the node {@code down}, HAProxy through its runtime API) and fresh AMQP
 * connections through both succeed again; after SIGCONT and the hold-down it is back in.
 */
@LabTest
@WarrenTest
@TestPropertySource(properties = { "warren.health.enabled=true", "warren.health.amqp-interval=500ms",
		"warren.health.amqp-timeout=1s" })
class EjectionLabTests {

	private static final int NGINX_PORT = 5715;

	private static final int HAPROXY_PORT = 5716;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	BalancerDeployments deployments;

	@Autowired
	HaproxyRuntime runtime;

	@Autowired
	Runs runs;

	@Autowired
	AmqpProbe probe;

	@TempDir
	Path dir;

	/** What the health webhook received. */
	static final List<String> hooks = new CopyOnWriteArrayList<>();

	static final HttpServer hook = hookServer();

	static HttpServer hookServer() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/hook", (exchange) -> {
				hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry registry) {
		registry.add("warren.health.webhook.url", () -> "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
	}

	@AfterAll
	static void stopHook() {
		hook.stop(0);
	}

	@Test
	void aFrozenNodeIsTakenOutOfNginxAndHaproxyAndPutBackWhenItAnswersAgain() throws Exception {
		Lab lab = Lab.find().orElseThrow();
		Api api = new Api(this.mvc);
		LabCluster nodes = new LabCluster(lab, api, this.shells);
		LabNginx nginx = new LabNginx(lab);
		long host = nodes.rootServerWithPorts(0);
		long frozen = nodes.rootServerWithPorts(1);
		long cluster = api.cluster(host, frozen, nodes.rootServerWithPorts(2));
		String pid = lab.get("rabbit.1.pid");
		try (OwnHaproxy haproxy = OwnHaproxy.start(this.dir, 5717)) {
			Map<String, Object> nginxBody = nginx.balancer(cluster, host, NGINX_PORT);
			nginxBody.putAll(Map.of("pidFile", lab.get("nginx.pidFile"), "errorLog", lab.get("nginx.errorLog")));
			long nginxBalancer = Json.id(Api.body(api.post("/api/v1/balancers", nginxBody), 201));
			long haproxyBalancer = Json.id(Api.body(api.post("/api/v1/balancers",
					Json.map("name", Api.unique("lab-haproxy"), "kind", "HAPROXY", "clusterId", cluster, "hostServerId",
							host, "listenAddress", "127.0.0.1", "listenPort", HAPROXY_PORT, "configPath",
							haproxy.cfg().toString(), "validateCommand", "haproxy -c -f {file}", "reloadCommand",
							haproxy.reloadCommand())),
					201));
			assertThat(awaitEnd(this.deployments.deploy(nginxBalancer, "operator")).status())
				.isEqualTo(RunStatus.SUCCEEDED);
			assertThat(awaitEnd(this.deployments.deploy(haproxyBalancer, "operator", haproxy::adjust)).status())
				.isEqualTo(RunStatus.SUCCEEDED);
			assertThat(
					Api.body(
							api.put("/api/v1/clusters/" + cluster + "/ejection",
									Map.of("enabled", true, "after", "NOT_RESPONDING,DOWN", "minHealthy", 1,
											"holdDownSeconds", 2, "minChangeSeconds", 0)),
							200))
				.contains("\"enabled\":true");
			LabCluster.waitUntil(Duration.ofSeconds(20),
					() -> freshConnections(NGINX_PORT, 6) && freshConnections(HAPROXY_PORT, 6));

			HealthMonitorSignals.signal("STOP", pid);
			long frozenAt = System.nanoTime();
			try {
				LabCluster.waitUntil(Duration.ofSeconds(30), () -> ejection(api, cluster).contains("\"applied\":true")
						&& freshConnections(NGINX_PORT, 6) && freshConnections(HAPROXY_PORT, 6));
				System.out.printf("frozen node out of NGINX and HAProxy, every fresh connection served: %d ms%n",
						(System.nanoTime() - frozenAt) / 1_000_000);
				String out = ejection(api, cluster);
				assertThat(out).contains("\"serverId\":" + frozen, "\"ejected\":true", "is NOT_RESPONDING");
				assertThat(Files.readString(nginx.conf())).containsPattern("127\\.0\\.0\\.1:"
						+ lab.port("rabbit.1.amqpPort") + " max_fails=\\d+ fail_timeout=\\d+s down;");
				// The dashboard marks the node as out of the balancers (its topology cuts
				// the
				// node's edges from that mark).
				assertThat(this.mvc.get()
					.uri("/")
					.session(dev.warren.support.Accounts.login(this.mvc, dev.warren.support.Accounts.VIEWER))
					.exchange()).bodyText().contains("data-ejected=\"true\"", "out of the balancers");
				HaproxyRuntime.Result state = this.runtime.setOut(haproxyBalancer, frozen, true, "test");
				assertThat(state.confirmed()).as(state.transcript()).isTrue();
				assertThat(this.mvc.get()
					.uri("/api/v1/balancers/{id}/config", haproxyBalancer)
					.with(dev.warren.support.Accounts.asViewer())
					.exchange()).bodyText().contains(" check disabled");
			}
			finally {
				HealthMonitorSignals.signal("CONT", pid);
			}
			LabCluster.waitUntil(Duration.ofSeconds(40), () -> ejection(api, cluster).contains("\"ejected\":[]"));
			assertThat(Files.readString(nginx.conf())).doesNotContain(" down;");
			assertThat(freshConnections(NGINX_PORT, 6)).isTrue();
			assertThat(freshConnections(HAPROXY_PORT, 6)).isTrue();
			assertThat(this.runtime.setOut(haproxyBalancer, frozen, false, "test").confirmed()).isTrue();
			long hookDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
			while (hooks.stream().noneMatch((body) -> body.contains("\"warren.ejection.returned\""))
					&& System.nanoTime() < hookDeadline) {
				Thread.sleep(100);
			}
			assertThat(hooks).as("webhook bodies").anyMatch((body) -> body.contains("\"warren.ejection.returned\""));
			assertThat(hooks).anyMatch((body) -> body.contains("\"event\":\"warren.ejection.ejected\"")
					&& body.contains("\"serverId\":" + frozen) && body.contains("is NOT_RESPONDING"));
			Api.body(api.put("/api/v1/clusters/" + cluster + "/ejection",
					Map.of("enabled", false, "after", "NOT_RESPONDING,DOWN", "minHealthy", 1, "holdDownSeconds", 2)),
					200);
		}
		finally {
			HealthMonitorSignals.signal("CONT", pid);
			nginx.restore();
		}
	}

	private String ejection(Api api, long cluster) {
		return Api.body(api.get("/api/v1/clusters/" + cluster + "/ejection"), 200);
	}

	/**
	 * {@code count} fresh connections in a row, each with a 1 s handshake limit, all
	 * served.
	 */
	private boolean freshConnections(int port, int count) {
		for (int i = 0; i < count; i++) {
			if (!this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(1))
				.up()) {
				return false;
			}
		}
		return true;
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

	/** SIGSTOP and SIGCONT of a lab node's Erlang VM. */
	static final class HealthMonitorSignals {

		private HealthMonitorSignals() {
		}

		static void signal(String signal, String pid) throws Exception {
			Process kill = new ProcessBuilder("kill", "-" + signal, pid).redirectErrorStream(true).start();
			assertThat(kill.waitFor()).isZero();
		}

	}

}
