package dev.warren.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import dev.warren.remote.RemoteShells;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administrators press "Join" on the same cluster at the same moment (their preflights
 * run side by side): exactly one join runs, every other one is told which run is active.
 */
@LabTest
@WarrenTest
class ConcurrentJoinLabTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Autowired
	MockMvcTester mvc;

	@Autowired
	RemoteShells shells;

	@Autowired
	JdbcTemplate jdbc;

	private Api api;

	private LabCluster lab;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.lab = new LabCluster(Lab.find().orElseThrow(), this.api, this.shells);
	}

	@AfterEach
	void putTheLabBack() {
		this.lab.makeStandalone(this.lab.node(1));
		this.lab.makeStandalone(this.lab.node(0));
	}

	@Test
	void exactlyOneOfFourSimultaneousJoinsRuns() throws Exception {
		long primary = this.lab.rootServer(this.lab.node(0));
		long hare = this.lab.rootServer(this.lab.node(1));
		long cluster = this.api.cluster(primary, hare);
		int administrators = 4;
		CyclicBarrier together = new CyclicBarrier(administrators);
		ExecutorService pool = Executors.newFixedThreadPool(administrators);
		List<Future<MvcTestResult>> answers = new ArrayList<>();
		try {
			for (int i = 0; i < administrators; i++) {
				boolean admin = i % 2 == 0;
				answers.add(pool.submit(() -> {
					together.await();
					return this.mvc.post()
						.uri("/api/v1/clusters/{id}/joins", cluster)
						.with(admin ? Accounts.asAdmin() : Accounts.asOperator())
						.contentType(MediaType.APPLICATION_JSON)
						.content(Json.of(Json.map("serverIds", List.of(hare))))
						.exchange();
				}));
			}
			List<Integer> statuses = new ArrayList<>();
			List<Long> runIds = new ArrayList<>();
			List<Long> activeRunIds = new ArrayList<>();
			for (Future<MvcTestResult> answer : answers) {
				MvcTestResult result = answer.get();
				statuses.add(result.getResponse().getStatus());
				JsonNode body = MAPPER.readTree(result.getResponse().getContentAsString());
				if (result.getResponse().getStatus() == 202) {
					runIds.add(body.get("runId").asLong());
				}
				else if (result.getResponse().getStatus() == 409) {
					activeRunIds.add(body.get("activeRunId").asLong());
				}
			}
			assertThat(statuses).as("one 202, the others 409").containsOnly(202, 409).containsOnlyOnce(202);
			assertThat(activeRunIds).hasSize(administrators - 1).containsOnly(runIds.get(0));
			LabCluster.waitUntil(Duration.ofSeconds(120), () -> !status(runIds.get(0)).matches("PENDING|RUNNING"));
			assertThat(status(runIds.get(0))).isEqualTo("SUCCEEDED");
			assertThat(this.jdbc.queryForObject("select count(*) from run where cluster_id = ?", Long.class, cluster))
				.as("exactly one run was ever created for the cluster")
				.isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String status(long runId) {
		return MAPPER
			.readTree(Api.body(this.mvc.get().uri("/api/v1/runs/{id}", runId).with(asViewer()).exchange(), 200))
			.get("status")
			.asString();
	}

}
