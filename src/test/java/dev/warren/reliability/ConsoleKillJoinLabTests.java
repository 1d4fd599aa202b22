package dev.warren.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.warren.support.ConsoleProcess;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is killed (SIGKILL) in the middle of a real join, while {@code stop_app}
 * runs on the joining node. Started again on the same data, it shows the run INTERRUPTED
 * with the step that was cut off, frees the cluster, and "Re-check state" reports what
 * the nodes really are: the joining node's application stopped, as the lab's own
 * {@code rabbitmqctl} sees it.
 */
@LabTest
class ConsoleKillJoinLabTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final Lab lab = Lab.find().orElseThrow();

	private final LabCluster nodes = new LabCluster(this.lab, (body) -> {
		throw new UnsupportedOperationException();
	}, null);

	@AfterEach
	void standaloneAgain() {
		this.nodes.makeStandalone(this.nodes.node(1));
		this.nodes.makeStandalone(this.nodes.node(0));
	}

	@Test
	void aJoinCutOffByAKillIsInterruptedAndReCheckTellsTheTruth(@TempDir Path data) throws Exception {
		long runId;
		long hare;
		try (ConsoleProcess console = ConsoleProcess.start(data, Map.of())) {
			long primary = server(console, this.nodes.node(0));
			hare = server(console, this.nodes.node(1));
			Path nodeLog = Path.of(this.lab.get("rabbit.1.logFile"));
			long logOffset = Files.size(nodeLog);
			long cluster = created(console.post("/api/v1/clusters", Json.of(Json.map("name", "kill", "primaryServerId",
					primary, "memberServerIds", java.util.List.of(primary, hare)))));
			HttpResponse<String> join = console.post("/api/v1/clusters/" + cluster + "/joins",
					Json.of(Json.map("serverIds", java.util.List.of(hare))));
			assertThat(join.statusCode()).as(join.body()).isEqualTo(202);
			runId = MAPPER.readTree(join.body()).get("runId").asLong();
			// Kill only once the node itself has been asked to stop: the step is marked
			// RUNNING before the command reaches the server, and a CLI cut off before
			// its request would leave nothing to interrupt. Stopping takes ~5 s, so the
			// step is still RUNNING when the console dies.
			LabCluster.waitUntil(Duration.ofSeconds(60),
					() -> stopAppStarted(console, runId) && askedToStop(nodeLog, logOffset));
			console.kill();
		}

		// stop_app goes on on the server after the console is gone (nothing tells it to
		// stop).
		LabCluster.waitUntil(Duration.ofSeconds(30), () -> !running(this.nodes.node(1)));

		try (ConsoleProcess restarted = ConsoleProcess.start(data, Map.of())) {
			JsonNode run = MAPPER.readTree(restarted.get("/api/v1/runs/" + runId).body());
			assertThat(run.get("status").asString()).isEqualTo("INTERRUPTED");
			assertThat(run.get("steps").valueStream().map((step) -> step.get("status").asString()))
				.contains("INTERRUPTED");
			HttpResponse<String> recheck = restarted.post("/api/v1/runs/" + runId + "/recheck", "");
			assertThat(recheck.statusCode()).as(recheck.body()).isEqualTo(200);
			String text = MAPPER.readTree(recheck.body()).get("recheck").asString();
			assertThat(text).contains(this.nodes.node(0) + ": application RUNNING",
					this.nodes.node(1) + ": application STOPPED");
			assertThat(restarted.log()).contains("INTERRUPTED");
		}
		Files.deleteIfExists(data.resolve("warren.mv.db"));
	}

	private boolean stopAppStarted(ConsoleProcess console, long runId) {
		try {
			JsonNode run = MAPPER.readTree(console.get("/api/v1/runs/" + runId).body());
			assertThat(run.get("status").asString()).as(run.toString()).isIn("PENDING", "RUNNING");
			return run.get("steps")
				.valueStream()
				.anyMatch((step) -> step.get("command").asString().contains("stop_app")
						&& step.get("status").asString().equals("RUNNING"));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean askedToStop(Path nodeLog, long from) {
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(nodeLog.toFile(), "r")) {
			file.seek(from);
			byte[] tail = new byte[(int) Math.max(0, file.length() - from)];
			file.readFully(tail);
			return new String(tail, java.nio.charset.StandardCharsets.UTF_8).contains("RabbitMQ is asked to stop");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private boolean running(String node) {
		return this.nodes.rabbitmqctl("-n", node, "eval", "rabbit:is_running().").output().contains("true");
	}

	private long server(ConsoleProcess console, String node) throws Exception {
		Map<String, Object> body = Json.map("name", node.replace('@', '-'), "host", "127.0.0.1", "sshPort",
				this.lab.port("ssh.port"), "sshUser", "root", "auth", Json.map("type", "PRIVATE_KEY", "privateKey",
						Files.readString(Path.of(this.lab.get("ssh.root.keyFile")))),
				"os", "LINUX", "nodeName", node);
		long id = created(console.post("/api/v1/servers", Json.of(body)));
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
