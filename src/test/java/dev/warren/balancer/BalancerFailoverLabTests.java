package dev.warren.balancer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.rabbitmq.AmqpProbeResult;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabEstate;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The point of a balancer: with one RabbitMQ node's application stopped, new clients
 * still get through. Warren deploys its rendered configs (with their default failure
 * detection) to the lab's NGINX and to an HAProxy of the test's own, then one node stops;
 * on RabbitMQ 3.10 and on 4.0.
 */
@LabTest
@WarrenTest
class BalancerFailoverLabTests {

	private static final int NGINX_PORT = 5712;

	private static final int HAPROXY_PORT = 5713;

	/** Round robin over three nodes: nine connections reach the stopped one thrice. */
	private static final int CONNECTIONS = 9;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	BalancerDeployments deployments;

	@Autowired
	Runs runs;

	@Autowired
	AmqpProbe probe;

	@TempDir
	Path dir;

	@ParameterizedTest(name = "{0}")
	@EnumSource(LabEstate.class)
	void aStoppedNodeDoesNotBreakNginxOrHaproxy(LabEstate estate) throws Exception {
		Lab lab = Lab.find().orElseThrow();
		Api api = new Api(this.mvc);
		LabCluster nodes = new LabCluster(lab, api, this.shells, estate);
		LabNginx nginx = new LabNginx(lab);
		String stopped = nodes.node(1);
		int stoppedPort = lab.port(estate.key(1, "amqpPort"));
		long first = nodes.rootServerWithPorts(0);
		long cluster = api.cluster(first, nodes.rootServerWithPorts(1), nodes.rootServerWithPorts(2));
		// NGINX and HAProxy run on this machine, which the 3.10 estate's sshd reaches.
		long host = (estate == LabEstate.RABBITMQ_3_10) ? first
				: new LabCluster(lab, api, this.shells).rootServer(new LabCluster(lab, api, this.shells).node(0));
		try (OwnHaproxy haproxy = OwnHaproxy.start(this.dir, 5714)) {
			long nginxBalancer = Json
				.id(Api.body(api.post("/api/v1/balancers", nginx.balancer(cluster, host, NGINX_PORT)), 201));
			Map<String, Object> haproxyBody = Json.map("name", Api.unique("lab-haproxy"), "kind", "HAPROXY",
					"clusterId", cluster, "hostServerId", host, "listenAddress", "127.0.0.1", "listenPort",
					HAPROXY_PORT, "configPath", haproxy.cfg().toString(), "validateCommand", "haproxy -c -f {file}",
					"reloadCommand", haproxy.reloadCommand());
			long haproxyBalancer = Json.id(Api.body(api.post("/api/v1/balancers", haproxyBody), 201));

			RunView nginxRun = awaitEnd(this.deployments.deploy(nginxBalancer, "operator", nginx::forTheLab));
			assertThat(nginxRun.status()).as(nginxRun.summary()).isEqualTo(RunStatus.SUCCEEDED);
			RunView haproxyRun = awaitEnd(this.deployments.deploy(haproxyBalancer, "operator", haproxy::adjust));
			assertThat(haproxyRun.status()).as(haproxyRun.summary()).isEqualTo(RunStatus.SUCCEEDED);
			// The stopped node is in both rotations, and HAProxy keeps the renderer's
			// fast-failover checks.
			assertThat(Files.readString(nginx.conf())).contains("server 127.0.0.1:" + stoppedPort);
			assertThat(Files.readString(haproxy.cfg())).contains("127.0.0.1:" + stoppedPort + " check")
				.contains("default-server inter 1s fall 2 rise 1");
			assertThat(roundTrips(NGINX_PORT)).allMatch(AmqpProbeResult::up);
			assertThat(roundTrips(HAPROXY_PORT)).allMatch(AmqpProbeResult::up);

			assertThat(nodes.rabbitmqctl("-n", stopped, "stop_app").exitCode()).isZero();
			try {
				assertThat(roundTrip(stoppedPort).up()).as("the stopped node itself answers no more").isFalse();
				List<AmqpProbeResult> throughNginx = roundTrips(NGINX_PORT);
				List<AmqpProbeResult> throughHaproxy = roundTrips(HAPROXY_PORT);
				assertThat(throughNginx).as("fresh connections through NGINX").allMatch(AmqpProbeResult::up);
				assertThat(throughHaproxy).as("fresh connections through HAProxy").allMatch(AmqpProbeResult::up);
			}
			finally {
				nodes.startApp(stopped);
			}
			LabCluster.waitUntil(Duration.ofSeconds(30), () -> roundTrip(stoppedPort).up());
		}
		finally {
			nginx.restore();
		}
		LabCluster.waitUntil(Duration.ofSeconds(15), () -> roundTrip(nginx.port()).up());
	}

	/** Fresh connections one after another, each with its own round trip. */
	private List<AmqpProbeResult> roundTrips(int port) {
		List<AmqpProbeResult> results = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			results.add(roundTrip(port));
		}
		return results;
	}

	private AmqpProbeResult roundTrip(int port) {
		return this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5));
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
