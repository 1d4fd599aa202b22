package dev.warren.balancer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.warren.clustering.RunStatus;
import dev.warren.clustering.RunView;
import dev.warren.clustering.Runs;
import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.remote.RemoteShells;
import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An NGINX that runs with its own prefix ({@code nginx -p DIR/ -c DIR/nginx.conf}, pid
 * file and error log in that directory) and reads Warren's file as an include under
 * {@code stream.d/} (issue 17, section 2b): Warren learns that layout from
 * {@code nginx -T} instead of assuming Debian's paths, and refuses, before any upload, a
 * file NGINX does not read. The same NGINX with {@code stream.d/} included inside its
 * {@code stream {}} block takes two balancers' files side by side (section 6).
 */
@LabTest
@WarrenTest
class OwnPrefixNginxLabTests {

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

	Lab lab;

	Api api;

	LabCluster nodes;

	LabNginx nginx;

	Path streamDir;

	@BeforeEach
	void anNginxThatIncludesStreamD() throws Exception {
		this.lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, this.api, this.shells);
		this.nginx = new LabNginx(this.lab);
		Path prefix = this.nginx.conf().getParent();
		this.streamDir = Files.createDirectories(prefix.resolve("stream.d"));
		layOut("include stream.d/*.conf;\n");
	}

	private void layOut(String include) throws IOException, InterruptedException {
		Files.writeString(this.nginx.conf(),
				"# The lab's NGINX, laid out as a host with its own prefix (OwnPrefixNginxLabTests)\n"
						+ "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n" + "user nobody nogroup;\n"
						+ "worker_processes 1;\n" + "pid nginx.pid;\n" + "error_log error.log info;\n"
						+ "events { worker_connections 1024; }\n" + include);
		reload();
	}

	@AfterEach
	void putTheLabsNginxBack() throws Exception {
		this.nginx.restore();
		try (Stream<Path> files = Files.walk(this.streamDir)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	@Test
	void aPushLearnsThePidFileAndErrorLogFromNginxAndGoesLive() throws Exception {
		long balancer = balancer(this.streamDir.resolve("warren.conf").toString(), 5698);

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator"));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.steps().get(1).output()).contains("nginx -T", "NGINX reads " + this.nginx.conf(),
				"pid file " + this.lab.get("nginx.pidFile"), "error log " + this.lab.get("nginx.errorLog"));
		assertThat(run.summary()).contains("is live", "new workers");
		var layout = assertThat(this.api.get("/api/v1/balancers/" + balancer + "/layout")).hasStatusOk().bodyJson();
		layout.extractingPath("$.files[0]").isEqualTo(this.nginx.conf().toString());
		layout.extractingPath("$.readsConfigFile").isEqualTo(true);
		layout.extractingPath("$.pidFile").isEqualTo(this.lab.get("nginx.pidFile"));
		layout.extractingPath("$.pidFileSource").isEqualTo("nginx -T");
		layout.extractingPath("$.errorLog").isEqualTo(this.lab.get("nginx.errorLog"));
		layout.extractingPath("$.masterPid").asString().matches("\\d+");
		layout.extractingPath("$.problems").asArray().isEmpty();
		assertThat(
				this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", 5698, "guest", "guest", "/"), Duration.ofSeconds(5))
					.up())
			.isTrue();
	}

	@Test
	void aFileNginxDoesNotReadIsRefusedBeforeAnythingIsUploaded() throws Exception {
		Path elsewhere = this.nginx.conf().getParent().resolve("warren-elsewhere.conf");
		long balancer = balancer(elsewhere.toString(), 5699);

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator"));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).contains("nothing was uploaded", "NGINX does not read " + elsewhere,
				"include " + elsewhere + ";");
		assertThat(Files.exists(elsewhere)).isFalse();
		assertThat(Files.exists(Path.of(elsewhere + ".warren-new"))).isFalse();
		var page = this.mvc.get()
			.uri("/balancers/{id}/layout", balancer)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))
			.exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("a push would be refused", "NGINX does not read " + elsewhere, "nginx -T");
	}

	@Test
	void twoBalancersFilesInsideOneStreamBlockGoLiveSideBySide() throws Exception {
		layOut("stream {\n    include stream.d/*.conf;\n}\n");
		long host = this.nodes.rootServer(this.nodes.node(0));
		long cluster = this.api.cluster(host);
		Map<String, Object> first = definition(host, cluster, this.streamDir.resolve("orders.conf").toString(), 5698,
				"STREAM_INCLUDE");
		Map<String, Object> second = definition(host, cluster, this.streamDir.resolve("billing.conf").toString(), 5699,
				"STREAM_INCLUDE");
		second.put("pidFile", this.lab.get("nginx.pidFile"));
		long one = Json.id(Api.body(this.api.post("/api/v1/balancers", first), 201));
		String created = Api.body(this.api.post("/api/v1/balancers", second), 201);
		long two = Json.id(created);
		assertThat(Json.field(created, "upstreamName")).isNotEqualTo("rabbitmq_amqp").endsWith("_amqp");

		RunView firstRun = awaitEnd(this.deployments.deploy(one, "operator"));
		RunView secondRun = awaitEnd(this.deployments.deploy(two, "operator"));

		assertThat(firstRun.status()).as(firstRun.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(secondRun.status()).as(secondRun.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(secondRun.steps().get(1).output())
			.contains("Pid file as the balancer sets it: " + this.lab.get("nginx.pidFile"));
		assertThat(Files.readString(this.streamDir.resolve("billing.conf"))).doesNotContain("\nstream {", "events {");
		for (int port : new int[] { 5698, 5699 }) {
			assertThat(this.probe
				.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5))
				.up()).as("AMQP through port " + port).isTrue();
		}
	}

	@Test
	void aPidFileThatNamesNoMasterIsRefusedBeforeAnythingIsUploaded() throws Exception {
		long host = this.nodes.rootServer(this.nodes.node(0));
		Path file = this.streamDir.resolve("warren.conf");
		Map<String, Object> body = definition(host, file.toString(), 5698, "INCLUDE");
		body.put("pidFile", this.streamDir.resolve("no-such.pid").toString());
		long balancer = Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));

		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator"));

		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).contains("nothing was uploaded", "no-such.pid", "names no running master",
				"set the balancer's pid file");
		assertThat(Files.exists(file)).isFalse();
	}

	private long balancer(String configPath, int port) {
		long host = this.nodes.rootServer(this.nodes.node(0));
		return Json
			.id(Api.body(this.api.post("/api/v1/balancers", definition(host, configPath, port, "INCLUDE")), 201));
	}

	private Map<String, Object> definition(long host, String configPath, int port, String layout) {
		return definition(host, this.api.cluster(host), configPath, port, layout);
	}

	private Map<String, Object> definition(long host, long cluster, String configPath, int port, String layout) {
		String prefix = this.nginx.conf().getParent() + "/";
		return Json.map("name", Api.unique("own-prefix"), "kind", "NGINX", "clusterId", cluster, "hostServerId", host,
				"listenAddress", "127.0.0.1", "listenPort", port, "nginxLayout", layout, "configPath", configPath,
				"validateCommand", "nginx -t -p " + prefix + " -c " + this.nginx.conf(), "reloadCommand",
				"nginx -p " + prefix + " -c " + this.nginx.conf() + " -s reload");
	}

	private void reload() throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of("nginx", "-p", this.nginx.conf().getParent() + "/", "-c",
				this.nginx.conf().toString(), "-s", "reload"))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
		Thread.sleep(500);
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

}
