package dev.warren.balancer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.warren.clustering.RunKind;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.clustering.StepStatus;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Deploy to all" against real balancers: the lab's NGINX, an HAProxy of the test's own,
 * and a third balancer that must never be touched once one before it fails. Balancers go
 * in name order.
 */
@LabTest
@WarrenTest
class DeployToAllLabTests {

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

	@Autowired
	Balancers balancers;

	@Autowired
	BalancerRevisions revisions;

	@TempDir
	Path dir;

	Api api;

	LabNginx nginx;

	OwnHaproxy haproxy;

	long host;

	long cluster;

	@BeforeEach
	void setUp() throws Exception {
		Lab lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nginx = new LabNginx(lab);
		this.haproxy = OwnHaproxy.start(this.dir, 5721);
		LabCluster nodes = new LabCluster(lab, this.api, this.shells);
		this.host = nodes.rootServerWithPorts(0);
		this.cluster = this.api.cluster(this.host, nodes.rootServerWithPorts(1), nodes.rootServerWithPorts(2));
	}

	@AfterEach
	void putTheBalancersBack() throws Exception {
		// A run still under way would write its config after the restore.
		LabCluster.waitUntil(Duration.ofSeconds(180),
				() -> this.runs.recentFor(this.cluster).stream().noneMatch(RunView::active));
		try {
			this.nginx.restore();
		}
		finally {
			this.haproxy.close();
		}
		LabCluster.waitUntil(Duration.ofSeconds(15), () -> amqpThrough(this.nginx.port()));
	}

	@Test
	void stopsAtTheFirstBalancerThatFailsAndLeavesTheRestUntouched() throws Exception {
		String haproxyBefore = Files.readString(this.haproxy.cfg());
		Path third = this.dir.resolve("third-haproxy.cfg");
		long first = balancer(withName(this.nginx.balancer(this.cluster, this.host, 5722), "a-nginx"));
		long second = balancer(haproxyBody("b-haproxy", 5723, this.haproxy.cfg()));
		long last = balancer(haproxyBody("c-haproxy", 5724, third));
		Function<BalancerView, Function<RenderedConfig, String>> contents = (balancer) -> {
			if (balancer.id() == first) {
				return this.nginx::forTheLab;
			}
			// haproxy -c refuses a keyword it does not know.
			return (config) -> this.haproxy.adjust(config) + "    warren-bogus-keyword on\n";
		};

		long runId = this.deployments.deployAll(this.cluster, "operator", contents);
		var busy = this.api.post("/api/v1/clusters/" + this.cluster + "/balancer-deployments", Map.of());
		assertThat(busy).hasStatus(409).bodyJson().extractingPath("$.activeRunId").isEqualTo((int) runId);
		RunView run = awaitEnd(runId);

		assertThat(run.kind()).isEqualTo(RunKind.DEPLOY_ALL_BALANCERS);
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).startsWith("Stopped at balancer " + name(second) + " (2 of 3)")
			.contains("Nothing changed on", "warren-bogus-keyword", "Deployed before it: " + name(first),
					"Not attempted: " + name(last));
		// The first is live, the second unchanged, the third never touched.
		assertThat(Files.readString(this.nginx.conf())).contains("listen 127.0.0.1:5722");
		assertThat(amqpThrough(5722)).isTrue();
		assertThat(Files.readString(this.haproxy.cfg())).isEqualTo(haproxyBefore);
		assertThat(amqpThrough(5721)).isTrue();
		assertThat(third).doesNotExist();
		// One group of steps per balancer; the one never attempted says so.
		List<StepView> steps = run.steps();
		assertThat(steps).filteredOn((step) -> step.description().startsWith("[" + name(first) + "] "))
			.isNotEmpty()
			.allMatch((step) -> step.status() == StepStatus.SUCCEEDED);
		assertThat(steps).filteredOn((step) -> step.description().startsWith("[" + name(second) + "] "))
			.anyMatch((step) -> step.status() == StepStatus.FAILED && step.description().contains("Validate"));
		assertThat(steps).filteredOn((step) -> step.description().startsWith("[" + name(last) + "] "))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.status()).isEqualTo(StepStatus.SKIPPED);
				assertThat(step.description()).contains("not attempted");
			});
		assertThat(revisionResult(first)).isEqualTo(RevisionResult.SUCCEEDED);
		assertThat(revisionResult(second)).isEqualTo(RevisionResult.FAILED);
		assertThat(this.revisions.list(last)).isEmpty();
	}

	@Test
	void deploysToEveryBalancerInTurn() throws Exception {
		long first = balancer(withName(this.nginx.balancer(this.cluster, this.host, 5725), "a-nginx"));
		long second = balancer(haproxyBody("b-haproxy", 5726, this.haproxy.cfg()));
		RunView run = awaitEnd(this.deployments.deployAll(this.cluster, "operator",
				(balancer) -> (balancer.id() == first) ? this.nginx::forTheLab : this.haproxy::adjust));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.summary())
			.isEqualTo("All 2 balancers are live and serving AMQP: " + name(first) + ", " + name(second) + ".");
		assertThat(amqpThrough(5725)).isTrue();
		assertThat(amqpThrough(5726)).isTrue();
	}

	private Map<String, Object> haproxyBody(String name, int port, Path cfg) {
		return Json.map("name", Api.unique(name), "kind", "HAPROXY", "clusterId", this.cluster, "hostServerId",
				this.host, "listenAddress", "127.0.0.1", "listenPort", port, "configPath", cfg.toString(),
				"validateCommand", "haproxy -c -f {file}", "reloadCommand", this.haproxy.reloadCommand());
	}

	private static Map<String, Object> withName(Map<String, Object> body, String name) {
		body.put("name", Api.unique(name));
		return body;
	}

	private long balancer(Map<String, Object> body) {
		return Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
	}

	private String name(long balancer) {
		return this.balancers.get(balancer).name();
	}

	private RevisionResult revisionResult(long balancer) {
		return this.revisions.list(balancer).get(0).result();
	}

	private boolean amqpThrough(int port) {
		return this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5))
			.up();
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(180), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
