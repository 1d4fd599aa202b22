package dev.warren.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.warren.clustering.RunStatus;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.LabCluster;
import dev.warren.support.LabTest;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.warren.remote.RemoteShells;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSH connection of a real join is cut (the lab sshd's child for the session is
 * killed) while {@code stop_app} runs: the run fails cleanly, the joining node is left
 * running, and the run says what happened.
 */
@LabTest
@WarrenTest
class SshDropLabTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	private Api api;

	private LabCluster lab;

	private final Lab facts = Lab.find().orElseThrow();

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.lab = new LabCluster(this.facts, this.api, this.shells);
	}

	@AfterEach
	void putTheLabBack() {
		this.lab.makeStandalone(this.lab.node(1));
		this.lab.makeStandalone(this.lab.node(0));
	}

	@Test
	void aJoinWhoseSshConnectionDropsFailsCleanlyAndLeavesTheNodeRunning() throws Exception {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.rootServer(this.lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		MvcTestResult accepted = this.api.post("/api/v1/clusters/" + cluster + "/joins",
				Json.map("serverIds", List.of(hare)));
		assertThat(accepted).hasStatus(202);
		long runId = MAPPER.readTree(accepted.getResponse().getContentAsString()).get("runId").asLong();

		LabCluster.waitUntil(Duration.ofSeconds(60), () -> stepRunning(runId, "stop_app"));
		long sshd = Long.parseLong(Files.readString(Path.of(this.facts.get("lab.dir"), "pids", "sshd.pid")).strip());
		List<ProcessHandle> sessions = ProcessHandle.of(sshd).orElseThrow().children().toList();
		assertThat(sessions).as("the lab sshd serves the join's session").isNotEmpty();
		sessions.forEach(ProcessHandle::destroyForcibly);

		LabCluster.waitUntil(Duration.ofSeconds(120),
				() -> !run(runId).get("status").asString().matches("PENDING|RUNNING"));
		JsonNode run = run(runId);
		assertThat(run.get("status").asString()).as(run.toString())
			.isIn(RunStatus.FAILED.name(), RunStatus.ROLLED_BACK.name());
		String summary = run.get("summary").asString();
		assertThat(summary).as("the run says the connection was lost and what state the node is in")
			.containsIgnoringCase("connection")
			.contains(this.lab.node(1));
		// Warren brought the node's application back (or never lost it).
		LabCluster.waitUntil(Duration.ofSeconds(60), () -> running(this.lab.node(1)));
		assertThat(this.lab.clusterStatus(this.lab.node(0))).doesNotContain(this.lab.node(1));
	}

	private boolean stepRunning(long runId, String command) {
		JsonNode run = run(runId);
		return run.get("steps")
			.valueStream()
			.anyMatch((step) -> step.get("command").asString().contains(command)
					&& step.get("status").asString().equals("RUNNING"));
	}

	private JsonNode run(long runId) {
		return MAPPER
			.readTree(Api.body(this.mvc.get().uri("/api/v1/runs/{id}", runId).with(asViewer()).exchange(), 200));
	}

	private boolean running(String node) {
		return this.lab.rabbitmqctl("-n", node, "eval", "rabbit:is_running().").output().contains("true");
	}

}
