package dev.warren.balancer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pushes configs to the lab's real NGINX over SSH and checks the host from outside
 * Warren. Every test puts the lab's own nginx.conf back and reloads it.
 */
@LabTest
@WarrenTest
class BalancerDeploymentLabTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	BalancerDeployments deployments;

	@Autowired
	Runs runs;

	@Autowired
	BalancerRevisions revisions;

	@Autowired
	AmqpProbe probe;

	Lab lab;

	Api api;

	LabCluster nodes;

	Path conf;

	String original;

	@BeforeEach
	void setUp() throws IOException {
		this.lab = Lab.find().orElseThrow();
		this.api = new Api(this.mvc);
		this.nodes = new LabCluster(this.lab, this.api, this.shells);
		this.conf = Path.of(this.lab.get("nginx.conf"));
		this.original = Files.readString(this.conf);
	}

	@AfterEach
	void putTheLabsNginxBack() throws Exception {
		if (!Files.readString(this.conf).equals(this.original)) {
			Files.writeString(this.conf, this.original);
			nginx("-s", "reload");
		}
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(this.conf.getParent(),
				this.conf.getFileName() + ".warren-*")) {
			for (Path leftover : leftovers) {
				Files.delete(leftover);
			}
		}
		LabCluster.waitUntil(Duration.ofSeconds(15), () -> amqpThrough(this.lab.port("nginx.port")));
	}

	@Test
	void pushesTheConfigAndProvesItServesAmqp() throws Exception {
		long balancer = balancer(5695, "");
		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this::forTheLab));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.summary()).contains("is live", "new workers", "AMQP message went through");
		assertThat(run.steps().get(0).output()).contains("has every privilege this push needs");
		assertThat(run.steps().get(1).output()).contains("--- ", "+++ ", "-  upstream rabbit {");
		assertThat(run.steps()).extracting(StepView::command).anyMatch((c) -> c != null && c.contains("nginx -t"));
		String live = Files.readString(this.conf);
		assertThat(live).contains("listen 127.0.0.1:5695").contains(RenderedConfig.HEADER_END);
		assertThat(amqpThrough(5695)).isTrue();
		assertThat(Files.exists(Path.of(this.conf + ".warren-new"))).isFalse();
		var revisions = this.mvc.get().uri("/api/v1/balancers/{id}/revisions", balancer).with(asViewer()).exchange();
		assertThat(revisions).hasStatusOk().bodyJson().extractingPath("$[0].result").isEqualTo("SUCCEEDED");
		assertThat(revisions).bodyJson().extractingPath("$[0].runId").isEqualTo((int) run.id());

		assertThat(this.mvc.get().uri("/api/v1/balancers/{id}/drift", balancer).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.state")
			.isEqualTo("IN_STEP");
		Files.writeString(this.conf, live + "# edited by hand\n");
		var drift = this.mvc.get().uri("/api/v1/balancers/{id}/drift", balancer).with(asViewer()).exchange();
		assertThat(drift).hasStatusOk().bodyJson().extractingPath("$.state").isEqualTo("CHANGED_OUTSIDE");
		assertThat(drift).bodyJson().extractingPath("$.diff").asString().contains("+# edited by hand");
		// The lab's pid and log paths are not what Warren renders: a push would change
		// them.
		assertThat(drift).bodyJson().extractingPath("$.outOfDate").isEqualTo(true);
		assertThat(this.mvc.get()
			.uri("/balancers/{id}/drift", balancer)
			.session(dev.warren.support.Accounts.login(this.mvc, dev.warren.support.Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains("changed outside Warren", "+# edited by hand");

		long revision = this.revisions.lastSucceeded(balancer).orElseThrow().id();
		MvcTestResult again = this.api.post("/api/v1/balancers/" + balancer + "/revisions/" + revision + "/deployments",
				Map.of());
		assertThat(again).hasStatus(202);
		String location = again.getResponse().getHeader("Location");
		RunView rollBack = awaitEnd(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(rollBack.status()).as(rollBack.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(rollBack.steps().get(1).output()).contains("-# edited by hand");
		assertThat(Files.readString(this.conf)).isEqualTo(live);
	}

	@Test
	void pushesAsANonRootUserWithSudoAndKeepsTheFilesOwnerAndMode() throws Exception {
		var ownerBefore = Files.getOwner(this.conf);
		var modeBefore = Files.getPosixFilePermissions(this.conf);
		long balancer = balancer(5699, "", this.nodes.sudoServer(this.nodes.node(0)));
		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this::forTheLab));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.SUCCEEDED);
		assertThat(run.steps()).extracting(StepView::command)
			.filteredOn((command) -> command != null)
			.allMatch((command) -> command.startsWith("sudo -n "));
		assertThat(Files.readString(this.conf)).contains("listen 127.0.0.1:5699");
		assertThat(Files.getOwner(this.conf)).isEqualTo(ownerBefore);
		assertThat(Files.getPosixFilePermissions(this.conf)).isEqualTo(modeBefore);
		assertThat(amqpThrough(5699)).isTrue();
	}

	@Test
	void changesNothingWhenValidationFailsThroughTheApi() throws Exception {
		// The validator refuses an option it does not know: whatever the file says,
		// nothing may change on the host.
		long balancer = balancer(5698, " -X");
		MvcTestResult accepted = this.api.post("/api/v1/balancers/" + balancer + "/deployments", Map.of());
		assertThat(accepted).hasStatus(202);
		String location = accepted.getResponse().getHeader("Location");
		assertThat(location).matches("/api/v1/runs/\\d+");
		RunView run = awaitEnd(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).startsWith("Nothing changed on ").contains("invalid option");
		assertThat(Files.readString(this.conf)).isEqualTo(this.original);
		assertThat(Files.exists(Path.of(this.conf + ".warren-new"))).isFalse();
	}

	@Test
	void changesNothingWhenTheConfigFailsValidation() throws Exception {
		long balancer = balancer(5697, "");
		RunView run = awaitEnd(this.deployments.deploy(balancer, "operator",
				(config) -> forTheLab(config) + "\nwarren_bogus_directive on;\n"));
		assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.FAILED);
		assertThat(run.summary()).startsWith("Nothing changed on ").contains("warren_bogus_directive");
		assertThat(Files.readString(this.conf)).isEqualTo(this.original);
		assertThat(Files.exists(Path.of(this.conf + ".warren-new"))).isFalse();
		assertThat(amqpThrough(this.lab.port("nginx.port"))).isTrue();
	}

	@Test
	void restoresThePreviousConfigWhenTheReloadCannotBindItsPort() throws Exception {
		try (ServerSocket squatter = new ServerSocket()) {
			squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 5696));
			long balancer = balancer(5696, "");
			RunView run = awaitEnd(this.deployments.deploy(balancer, "operator", this::forTheLab));
			assertThat(run.status()).as(run.summary()).isEqualTo(RunStatus.ROLLED_BACK);
			assertThat(run.summary()).contains("could not bind",
					"restored the previous config, which is serving again");
			assertThat(Files.readString(this.conf)).isEqualTo(this.original);
			assertThat(amqpThrough(this.lab.port("nginx.port"))).isTrue();
			var revisions = this.mvc.get()
				.uri("/api/v1/balancers/{id}/revisions", balancer)
				.with(asViewer())
				.exchange();
			assertThat(revisions).bodyJson().extractingPath("$[0].result").isEqualTo("ROLLED_BACK");
		}
	}

	private long balancer(int port, String extraValidateOption) {
		return balancer(port, extraValidateOption, this.nodes.rootServer(this.nodes.node(0)));
	}

	private long balancer(int port, String extraValidateOption, long host) {
		long hare = this.nodes.rootServer(this.nodes.node(1));
		long bunny = this.nodes.rootServer(this.nodes.node(2));
		long cluster = this.api.cluster(host, hare, bunny);
		String prefix = this.conf.getParent().toString();
		Map<String, Object> body = Json.map("name", Api.unique("lab-nginx"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", host, "listenAddress", "127.0.0.1", "listenPort", port, "configPath",
				this.conf.toString(), "validateCommand", "nginx -t -p " + prefix + " -c {file}" + extraValidateOption,
				"reloadCommand", "nginx -p " + prefix + " -c " + this.conf + " -s reload");
		return Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
	}

	/** The rendered config with the lab's pid file and error log instead of Debian's. */
	private String forTheLab(RenderedConfig config) {
		return config.content()
			.replace("pid /run/nginx.pid;", "pid " + this.lab.get("nginx.pidFile") + ";")
			.replace("error_log /var/log/nginx/error.log notice;",
					"error_log " + this.lab.get("nginx.errorLog") + " info;");
	}

	private boolean amqpThrough(int port) {
		return this.probe.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5))
			.up();
	}

	private RunView awaitEnd(long runId) {
		LabCluster.waitUntil(Duration.ofSeconds(120), () -> !this.runs.get(runId).active());
		return this.runs.get(runId);
	}

	private void nginx(String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>(
				List.of("nginx", "-p", this.conf.getParent().toString(), "-c", this.conf.toString()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
		Thread.sleep(500);
	}

}
