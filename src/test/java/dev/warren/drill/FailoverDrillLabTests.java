package dev.warren.drill;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.ClusterStatus;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabEstate;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A drill against the lab's three RabbitMQ nodes, joined into one cluster, behind the
 * lab's NGINX with the config Warren pushes to it; on RabbitMQ 3.10 and on 4.0. The nodes
 * are made standalone again and the lab's nginx.conf put back afterwards.
 */
@LabTest
@WarrenTest
class FailoverDrillLabTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	Runs runs;

	@Autowired
	Drills drills;

	Lab lab;

	Api api;

	LabCluster nodes;

	LabEstate estate = LabEstate.RABBITMQ_3_10;

	@BeforeEach
	void setUp() {
		this.lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, this.api, this.shells);
	}

	/** The lab's own nginx.conf, put back after the push of each test. */
	String labNginxConf;

	@AfterEach
	void putTheLabBack() throws Exception {
		this.nodes.startApp(this.nodes.node(1));
		this.nodes.makeStandalone(this.nodes.node(1));
		this.nodes.makeStandalone(this.nodes.node(2));
		Path conf = Path.of(this.lab.get("nginx.conf"));
		if (this.labNginxConf != null && !Files.readString(conf).equals(this.labNginxConf)) {
			Files.writeString(conf, this.labNginxConf);
			Process reload = new ProcessBuilder("nginx", "-p", conf.getParent().toString(), "-c", conf.toString(), "-s",
					"reload")
				.redirectErrorStream(true)
				.start();
			assertThat(reload.waitFor()).as(new String(reload.getInputStream().readAllBytes())).isZero();
		}
	}

	/**
	 * Each estate as root, and the 3.10 estate as the careful estate's user, whose sudo
	 * covers only rabbitmqctl, rabbitmq-diagnostics and nginx (the drop-in the server
	 * page offers).
	 */
	static Stream<Arguments> estates() {
		return Stream.of(Arguments.of(LabEstate.RABBITMQ_3_10, "root"), Arguments.of(LabEstate.RABBITMQ_4_0, "root"),
				Arguments.of(LabEstate.RABBITMQ_3_10, "narrow sudo"));
	}

	@ParameterizedTest(name = "{0} as {1}")
	@MethodSource("estates")
	void drillThroughTheLabsNginxLosesNoMessageAndTheNodeRejoins(LabEstate estate, String user) throws Exception {
		this.estate = estate;
		this.nodes = new LabCluster(this.lab, this.api, this.shells, estate);
		String hareNode = this.nodes.node(1);
		this.nodes.join(hareNode, this.nodes.node(0));
		this.nodes.join(this.nodes.node(2), this.nodes.node(0));
		// The prober's method: an exclusive queue lives on its connection's node, and
		// another member's management API says which at once.
		assertThat(nodeOfAConnectionTo(this.lab.port(estate.key(1, "amqpPort")))).isEqualTo(hareNode);
		assertThat(nodeOfAConnectionTo(this.lab.port(estate.key(2, "amqpPort")))).isEqualTo(this.nodes.node(2));
		boolean narrow = user.equals("narrow sudo");
		long rabbit = narrow ? narrow(0) : this.nodes.rootServerWithPorts(0);
		long hare = narrow ? narrow(1) : this.nodes.rootServerWithPorts(1);
		long bunny = narrow ? narrow(2) : this.nodes.rootServerWithPorts(2);
		long cluster = this.api.cluster(rabbit, hare, bunny);
		// The lab's NGINX runs on this machine, which the 3.10 estate's sshd reaches.
		LabCluster here = new LabCluster(this.lab, this.api, this.shells);
		long balancer = labNginx(cluster,
				(estate == LabEstate.RABBITMQ_3_10 && !narrow) ? rabbit : here.rootServer(here.node(0)));
		// Warren's own config in front of this estate's nodes, with the lab's pid file
		// and error log.
		this.labNginxConf = Files.readString(Path.of(this.lab.get("nginx.conf")));
		MvcTestResult pushed = this.api.post("/api/v1/balancers/" + balancer + "/deployments", Map.of());
		assertThat(pushed).hasStatus(202);
		String pushLocation = pushed.getResponse().getHeader("Location");
		RunView push = awaitEnd(Long.parseLong(pushLocation.substring(pushLocation.lastIndexOf('/') + 1)));
		assertThat(push.status()).as(push.summary()).isEqualTo(RunStatus.SUCCEEDED);

		MvcTestResult accepted = this.api.post("/api/v1/clusters/" + cluster + "/drills",
				Json.map("serverId", hare, "balancerId", balancer, "waitSeconds", 3));
		assertThat(accepted).hasStatus(202);
		String location = accepted.getResponse().getHeader("Location");
		assertThat(location).matches("/api/v1/runs/\\d+");
		long drillId = tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(Api.body(accepted, 202))
			.get("drillId")
			.asLong();
		RunView run = awaitEnd(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));

		DrillView drill = this.drills.get(drillId);
		run.steps()
			.forEach((step) -> System.out.println("drill step: " + step.description() + ": " + step.status() + " in "
					+ java.time.Duration.between(step.startedAt(), step.endedAt()).toMillis() + " ms"));
		System.out.println("drill report: " + drill);
		assertThat(run.status()).as(run.summary() + "\n" + run.steps()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(drill.result()).as(drill.summary()).isEqualTo(DrillResult.PASSED);
		assertThat(drill.messagesLost()).isZero();
		assertThat(drill.messagesReceived()).isGreaterThan(50);
		assertThat(drill.messagesConfirmed()).isGreaterThan(50);
		assertThat(drill.rejoined()).isTrue();
		assertThat(drill.queueType()).isEqualTo("quorum");
		assertThat(drill.stoppedUsingMs()).isNotNull();
		assertThat(drill.backMs()).as(drill.summary()).isNotNull();
		assertThat(drill.runId()).isEqualTo(run.id());
		assertThat(drill.summary()).contains("0 messages lost", hareNode + " rejoined");
		// Both clients were placed on hare@vm, so both had to fail over.
		assertThat(drill.summary()).doesNotContain("publisher's connection was recovered never")
			.doesNotContain("the consumer's never");
		assertThat(drill.publishFailures()).isPositive();

		ClusterStatus status = ClusterStatus.parse(this.nodes.clusterStatus(this.nodes.node(0)));
		assertThat(status.runningNodes()).contains(this.nodes.node(0), hareNode, this.nodes.node(2));
		assertThat(this.nodes.rabbitmqctl("-n", this.nodes.node(0), "list_queues", "name").output())
			.doesNotContain("warren-drill-");

		assertThat(this.mvc.get().uri("/api/v1/drills/{id}", drillId).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.messagesLost")
			.isEqualTo(0);
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}/drills", cluster).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$[0].result")
			.isEqualTo("PASSED");
	}

	private long narrow(int index) {
		return this.nodes.narrowServer(this.nodes.node(index),
				Map.of("amqpPort", this.lab.port(this.estate.key(index, "amqpPort")), "managementPort",
						this.lab.port(this.estate.key(index, "managementPort"))));
	}

	private String nodeOfAConnectionTo(int port) throws Exception {
		AmqpEndpoint endpoint = new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/");
		NodeLocator locator = new NodeLocator(List.of(new NodeLocator.ManagementEndpoint(this.nodes.node(0),
				"127.0.0.1", this.lab.port(this.estate.key(0, "managementPort")), "guest", "guest")));
		String queue = Api.unique("locator-check");
		try (Connection connection = DrillTraffic.factory(endpoint).newConnection(queue)) {
			Channel channel = connection.createChannel();
			channel.queueDeclare(queue, false, true, true, Map.of("x-queue-master-locator", "client-local"));
			return locator.nodeOfQueue("/", queue);
		}
	}

	private long labNginx(long cluster, long host) {
		Path conf = Path.of(this.lab.get("nginx.conf"));
		String prefix = conf.getParent().toString();
		return Json.id(Api.body(this.api.post("/api/v1/balancers",
				Json.map("name", Api.unique("lab-nginx"), "kind", "NGINX", "clusterId", cluster, "hostServerId", host,
						"listenAddress", "127.0.0.1", "listenPort", this.lab.port("nginx.port"), "configPath",
						conf.toString(), "validateCommand", "nginx -t -p " + prefix + " -c {file}", "reloadCommand",
						"nginx -p " + prefix + " -c " + conf + " -s reload", "pidFile", this.lab.get("nginx.pidFile"),
						"errorLog", this.lab.get("nginx.errorLog"))),
				201));
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(150), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
