package dev.warren.balancer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.clustering.StepView;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes a config to an HAProxy of the test's own (master-worker mode, so that a reload
 * is one fixed command: {@code kill -USR2 <master>}), leaving the lab's HAProxy alone.
 */
@LabTest
@WarrenTest
class HaproxyDeploymentLabTests {

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

	OwnHaproxy haproxy;

	@BeforeEach
	void startOwnHaproxy() throws Exception {
		this.haproxy = OwnHaproxy.start(this.dir, 5693);
		LabCluster.waitUntil(Duration.ofSeconds(10), () -> amqpThrough(5693));
	}

	@AfterEach
	void stopOwnHaproxy() {
		this.haproxy.close();
	}

	@Test
	void pushesAnHaproxyConfigAndProvesItServesAmqp() throws Exception {
		Api api = new Api(this.mvc);
		long balancer = balancer(api, 5694);

		long runId = this.deployments.deploy(balancer, "operator", this.haproxy::adjust);
		// One run at a time per cluster: a second push waits for the first.
		var busy = api.post("/api/v1/balancers/" + balancer + "/deployments", Map.of());
		assertThat(busy).hasStatus(409).bodyJson().extractingPath("$.activeRunId").isEqualTo((int) runId);
		RunView run = awaitEnd(runId);
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.summary()).contains("is live", "AMQP message went through");
		assertThat(Files.readString(this.haproxy.cfg())).contains("bind 127.0.0.1:5694");
		assertThat(amqpThrough(5694)).isTrue();
		assertThat(ProcessHandle.of(this.haproxy.master())).isPresent();
		assertThat(run.steps()).extracting(StepView::output)
			.anyMatch((output) -> output != null && output.contains("✓ new HAProxy process"));
		var layout = assertThat(api.get("/api/v1/balancers/" + balancer + "/layout")).hasStatusOk().bodyJson();
		layout.extractingPath("$.adminSocket").isEqualTo(this.dir.resolve("admin.sock").toString());
		layout.extractingPath("$.adminSocketReady").isEqualTo(true);
		layout.extractingPath("$.masterPid").isNotNull();
		layout.extractingPath("$.problems").asArray().isEmpty();
	}

	@Test
	void restoresThePreviousConfigWhenTheNewWorkersCannotBindTheirPort() throws Exception {
		// haproxy -c passes and the master takes the signal, but the new workers cannot
		// bind: HAProxy keeps its old workers, and the squatter still answers on the
		// port.
		String original = Files.readString(this.haproxy.cfg());
		try (ServerSocket squatter = new ServerSocket()) {
			squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5696));
			long balancer = balancer(new Api(this.mvc), 5696);
			RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this.haproxy::adjust));
			assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.ROLLED_BACK);
			assertThat(run.summary()).contains("the reload did not take", "port 5696 is held by java", "not by HAProxy",
					"restored the previous config, which is serving again");
			assertThat(Files.readString(this.haproxy.cfg())).isEqualTo(original);
			assertThat(amqpThrough(5693)).isTrue();
			assertThat(ProcessHandle.of(this.haproxy.master())).isPresent();
			assertThat(run.steps()).extracting(StepView::output)
				.anyMatch((output) -> output != null && output.contains("new HAProxy process")
						&& output.contains("listens on port 5693"));
			var revisions = this.mvc.get()
				.uri("/api/v1/balancers/{id}/revisions", balancer)
				.with(asViewer())
				.exchange();
			assertThat(revisions).bodyJson().extractingPath("$[0].result").isEqualTo("ROLLED_BACK");
		}
	}

	private long balancer(Api api, int port) {
		LabCluster nodes = new LabCluster(Lab.find().orElseThrow(), api, this.shells);
		long host = nodes.rootServer(nodes.node(0));
		long cluster = api.cluster(host, nodes.rootServer(nodes.node(1)), nodes.rootServer(nodes.node(2)));
		Map<String, Object> body = Json.map("name", Api.unique("lab-haproxy"), "kind", "HAPROXY", "clusterId", cluster,
				"hostServerId", host, "listenAddress", "127.0.0.1", "listenPort", port, "configPath",
				this.haproxy.cfg().toString(), "validateCommand", "haproxy -c -f {file}", "reloadCommand",
				this.haproxy.reloadCommand());
		return Json.id(Api.body(api.post("/api/v1/balancers", body), 201));
	}

	private boolean amqpThrough(int port) {
		return this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5))
			.up();
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
