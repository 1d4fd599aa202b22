package dev.warren.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.warren.rabbitmq.AmqpEndpoint;
import dev.warren.rabbitmq.AmqpProbe;
import dev.warren.rabbitmq.AmqpProbeResult;
import dev.warren.support.ConsoleProcess;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is killed (SIGKILL) in the middle of pushing a balancer's config to a real
 * NGINX (one of the test's own, run with the paths Warren's generated nginx.conf names).
 * Started again, the run is INTERRUPTED, and the host holds a whole config, the old one
 * or the new one byte for byte, which NGINX accepts and serves AMQP with.
 */
@LabTest
class ConsoleKillDeploymentLabTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final Path NGINX_PID = Path.of("/run/nginx.pid");

	private final Lab lab = Lab.find().orElseThrow();

	private Long nginx;

	@AfterEach
	void stopOurNginx() throws Exception {
		if (this.nginx != null) {
			ProcessHandle.of(this.nginx).ifPresent(ProcessHandle::destroy);
			ProcessHandle.of(this.nginx).ifPresent((process) -> process.onExit().join());
		}
	}

	@Test
	void aPushCutOffByAKillLeavesAWholeConfigThatServes(@TempDir Path data) throws Exception {
		// nginx -t leaves an empty pid file behind; only a live master counts.
		String pid = Files.exists(NGINX_PID) ? Files.readString(NGINX_PID).strip() : "";
		Assumptions.assumeTrue(pid.isEmpty() || ProcessHandle.of(Long.parseLong(pid)).isEmpty(),
				"another NGINX runs with " + NGINX_PID);
		Path dir = Files.createTempDirectory("warren-kill-nginx");
		Path conf = dir.resolve("nginx.conf");
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		long runId;
		long balancer;
		String before;
		String after;
		try (ConsoleProcess console = ConsoleProcess.start(data, Map.of())) {
			long host = trusted(console, Json.map("name", "lb-host", "host", "127.0.0.1", "sshPort",
					this.lab.port("ssh.port"), "sshUser", "root", "auth", key(), "os", "LINUX"));
			long[] members = new long[3];
			for (int i = 0; i < 3; i++) {
				members[i] = trusted(console, Json.map("name", "node-" + i, "host", "127.0.0.1", "sshPort",
						this.lab.port("ssh.port"), "sshUser", "root", "auth", key(), "os", "LINUX", "nodeName",
						this.lab.get("rabbit." + i + ".node"), "amqpPort", this.lab.port("rabbit." + i + ".amqpPort")));
			}
			long cluster = created(console.post("/api/v1/clusters", Json.of(Json.map("name", "kill", "primaryServerId",
					members[0], "memberServerIds", List.of(members[0], members[1], members[2])))));
			Map<String, Object> settings = Json.map("name", "kill-lb", "kind", "NGINX", "clusterId", cluster,
					"hostServerId", host, "listenAddress", "127.0.0.1", "listenPort", port, "configPath",
					conf.toString(), "reloadCommand", "nginx -c " + conf + " -s reload");
			balancer = created(console.post("/api/v1/balancers", Json.of(settings)));

			// NGINX running with the generated config, then a first push to have a
			// revision.
			before = config(console, balancer);
			Files.writeString(conf, before);
			Process start = new ProcessBuilder("nginx", "-c", conf.toString()).redirectErrorStream(true).start();
			assertThat(start.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(start.exitValue()).as(new String(start.getInputStream().readAllBytes())).isZero();
			this.nginx = Long.parseLong(Files.readString(NGINX_PID).strip());
			assertThat(awaitEnd(console, deploy(console, balancer))).isEqualTo("SUCCEEDED");

			settings.put("idleTimeoutSeconds", 300);
			HttpResponse<String> changed = console.put("/api/v1/balancers/" + balancer, Json.of(settings));
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
			after = config(console, balancer);
			assertThat(body(after)).isNotEqualTo(body(before));

			runId = deploy(console, balancer);
			LabCluster.waitUntil(Duration.ofSeconds(30), () -> stepsEnded(console, runId) >= 2);
			console.kill();
		}

		try (ConsoleProcess restarted = ConsoleProcess.start(data, Map.of())) {
			JsonNode run = MAPPER.readTree(restarted.get("/api/v1/runs/" + runId).body());
			assertThat(run.get("status").asString()).as(run.toString()).isIn("INTERRUPTED", "SUCCEEDED");
			String live = Files.readString(conf);
			assertThat(body(live)).as("the live file is one whole config").isIn(body(before), body(after));
			Process test = new ProcessBuilder("nginx", "-t", "-c", conf.toString()).redirectErrorStream(true).start();
			assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(test.exitValue()).isZero();
			AmqpProbeResult roundTrip = new AmqpProbe()
				.roundTrip(new AmqpEndpoint("127.0.0.1", port, "guest", "guest", "/"), Duration.ofSeconds(5));
			assertThat(roundTrip.state()).as(roundTrip.toString()).isEqualTo(AmqpProbeResult.State.UP);
			HttpResponse<String> drift = restarted.get("/api/v1/balancers/" + balancer + "/drift");
			assertThat(drift.statusCode()).as(drift.body()).isEqualTo(200);
		}
		finally {
			try (var files = Files.list(dir)) {
				files.forEach((file) -> file.toFile().delete());
			}
			Files.deleteIfExists(dir);
		}
	}

	/** The config without its header (which names the time it was generated). */
	private static String body(String config) {
		int end = config.indexOf("# ---- end of Warren's header ----");
		return (end < 0) ? config : config.substring(end);
	}

	private int stepsEnded(ConsoleProcess console, long runId) {
		try {
			JsonNode run = MAPPER.readTree(console.get("/api/v1/runs/" + runId).body());
			return (int) run.get("steps")
				.valueStream()
				.filter((step) -> step.get("status").asString().matches("SUCCEEDED|FAILED|SKIPPED"))
				.count();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String awaitEnd(ConsoleProcess console, long runId) throws Exception {
		String[] status = new String[1];
		LabCluster.waitUntil(Duration.ofSeconds(60), () -> {
			try {
				status[0] = MAPPER.readTree(console.get("/api/v1/runs/" + runId).body()).get("status").asString();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			return !status[0].matches("PENDING|RUNNING");
		});
		return status[0];
	}

	private static long deploy(ConsoleProcess console, long balancer) throws Exception {
		HttpResponse<String> accepted = console.post("/api/v1/balancers/" + balancer + "/deployments", "");
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		return MAPPER.readTree(accepted.body()).get("runId").asLong();
	}

	private static String config(ConsoleProcess console, long balancer) throws Exception {
		HttpResponse<String> config = console.get("/api/v1/balancers/" + balancer + "/config");
		assertThat(config.statusCode()).isEqualTo(200);
		return config.body();
	}

	private Map<String, Object> key() throws IOException {
		return Json.map("type", "PRIVATE_KEY", "privateKey",
				Files.readString(Path.of(this.lab.get("ssh.root.keyFile"))));
	}

	private static long trusted(ConsoleProcess console, Map<String, Object> server) throws Exception {
		long id = created(console.post("/api/v1/servers", Json.of(server)));
		String fingerprint = MAPPER.readTree(console.get("/api/v1/servers/" + id + "/host-key").body())
			.get("presented")
			.get("fingerprint")
			.asString();
		HttpResponse<String> trust = console.post("/api/v1/servers/" + id + "/host-key/trust",
				Json.of(Map.of("fingerprint", fingerprint)));
		assertThat(trust.statusCode()).as(trust.body()).isEqualTo(200);
		return id;
	}

	private static long created(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return Json.id(response.body());
	}

}
