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
 * An NGINX that runs with its own prefix ({@code -p
 *
<dir>
 * / -c
 *
<dir>
 * /nginx.conf}, pid file and error log in that directory) and reads Warren's file as an
 * include under {@code stream.d/} (issue 17, section 2b): Warren learns that layout from
 * {@code nginx -T} instead of assuming Debian's paths, and refuses, before any upload, a
 * file NGINX does not read.
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
		Files.writeString(this.nginx.conf(),
				"# The lab's NGINX, laid out as a host with its own prefix (OwnPrefixNginxLabTests)\n"
						+ "load_module /usr/lib/nginx/modules/ngx_stream_module.so;\n" + "user nobody nogroup;\n"
						+ "worker_processes 1;\n" + "pid nginx.pid;\n" + "error_log error.log info;\n"
						+ "events { worker_connections 1024; }\n" + "include stream.d/*.conf;\n");
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
	}

	private long balancer(String configPath, int port) {
		long host = this.nodes.rootServer(this.nodes.node(0));
		long cluster = this.api.cluster(host);
		String prefix = this.nginx.conf().getParent() + "/";
		Map<String, Object> body = Json.map("name", Api.unique("own-prefix"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", host, "listenAddress", "127.0.0.1", "listenPort", port, "nginxLayout", "INCLUDE",
				"configPath", configPath, "validateCommand", "nginx -t -p " + prefix + " -c " + this.nginx.conf(),
				"reloadCommand", "nginx -p " + prefix + " -c " + this.nginx.conf() + " -s reload");
		return Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
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
