package dev.warren.drill;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The drill's pages and API without the lab: validation, refusals, roles and the saved
 * report. Servers here listen nowhere (SSH port 1 on loopback), so every read fails fast.
 */
@WarrenTest
class DrillPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	DrillRecorder recorder;

	@Autowired
	InterruptedDrills interrupted;

	@Autowired
	Drills drills;

	Api api;

	long a;

	long b;

	long cluster;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.a = unreachableServer();
		this.b = unreachableServer();
		this.cluster = this.api.cluster(this.a, this.a, this.b);
	}

	@Test
	void refusesANodeThatIsNotAMemberNamingTheField() {
		long stranger = unreachableServer();
		assertThat(start(Json.map("serverId", stranger))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("serverId");
		assertThat(start(Json.map())).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("serverId");
	}

	@Test
	void refusesAWaitOutOfRangeAndABalancerOfAnotherCluster() {
		assertThat(start(Json.map("serverId", this.b, "waitSeconds", 0))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("waitSeconds");
		assertThat(start(Json.map("serverId", this.b, "balancerId", 987654))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("balancerId");
	}

	@Test
	void answers422WithTheFailingSafetyChecksAndStartsNothing() {
		MvcTestResult refused = start(Json.map("serverId", this.b));
		assertThat(refused).hasStatus(422).bodyJson().extractingPath("$.title").isEqualTo("Safety check failed");
		assertThat(refused).bodyText().contains("cannot be read", "No balancer fronts");
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}/drills", this.cluster).with(asViewer())).hasStatusOk()
			.bodyJson()
			.isEqualTo("[]");
	}

	@Test
	void aViewerReadsDrillsButCannotStartOne() {
		MvcTestResult forbidden = this.mvc.post()
			.uri("/api/v1/clusters/{id}/drills", this.cluster)
			.with(asViewer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.map("serverId", this.b)))
			.exchange();
		assertThat(forbidden).hasStatus(403);
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/drills", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains("Failover drills for")
			.doesNotContain("data-testid=\"drill-form\"");
	}

	@Test
	void unknownDrillsAndClustersAre404() {
		assertThat(this.mvc.get().uri("/api/v1/drills/{id}", 987654).with(asViewer())).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/v1/clusters/{id}/drills", 987654).with(asViewer())).hasStatus(404);
		assertThat(this.mvc.get().uri("/drills/{id}", 987654).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatus(404);
		assertThat(this.mvc.get().uri("/runs/{id}/drill", runId()).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatus(404);
	}

	@Test
	void theCheckPageShowsTheFailingChecksAndNoStartButton() {
		MvcTestResult page = this.mvc.post()
			.uri("/clusters/{id}/drills/check", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))
			.with(csrf())
			.param("serverId", String.valueOf(this.b))
			.param("waitSeconds", "5")
			.exchange();
		assertThat(page).hasStatusOk()
			.bodyText()
			.contains("A safety check failed", "No balancer fronts", "What will happen")
			.doesNotContain("data-testid=\"start-drill\"");
		MvcTestResult notANumber = this.mvc.post()
			.uri("/clusters/{id}/drills/check", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))
			.with(csrf())
			.param("serverId", "hare")
			.exchange();
		assertThat(notANumber).hasStatus(302);
		assertThat(String.valueOf(notANumber.getMvcResult().getFlashMap().get("error"))).contains("serverId");
	}

	@Test
	void startingFromThePageIsRefusedWithTheChecksShownAndNeedsCsrf() {
		var operator = Accounts.login(this.mvc, Accounts.OPERATOR);
		MvcTestResult refused = this.mvc.post()
			.uri("/clusters/{id}/drills", this.cluster)
			.session(operator)
			.with(csrf())
			.param("serverId", String.valueOf(this.b))
			.exchange();
		assertThat(refused).hasStatusOk()
			.bodyText()
			.contains("A safety check failed, so the drill did not start", "cannot be read")
			.doesNotContain("data-testid=\"start-drill\"");
		assertThat(this.mvc.post()
			.uri("/clusters/{id}/drills", this.cluster)
			.session(operator)
			.param("serverId", String.valueOf(this.b))
			.exchange()).hasStatus(403);
	}

	@Test
	void showsASavedReportWithItsFiguresOnItsPageTheListAndTheClusterPage() {
		Drill drill = new Drill(this.cluster, "prod", this.b, "hare@b", null, "lab-nginx", "127.0.0.1:5690", "operator",
				Instant.now(), 10);
		long run = runId();
		long id = this.recorder.started(drill, run);
		MessageTally tally = new MessageTally(0);
		for (int i = 1; i <= 3; i++) {
			tally.published(i);
			tally.confirmed(i);
			tally.received(i, i * 40_000_000L);
		}
		this.recorder.ended(id,
				new DrillReport(DrillResult.PASSED, "quorum", true, tally.figures(),
						ProbeTimeline.measure(List.of(new ProbeTimeline.Probe(100, "hare@b", null)), "hare@b", 50, 900,
								1000),
						"0 messages lost: sent 3", "Messages: one persistent message every 25 ms"),
				"operator");

		var session = Accounts.login(this.mvc, Accounts.VIEWER);
		assertThat(this.mvc.get().uri("/drills/{id}", id).session(session)).hasStatusOk()
			.bodyText()
			.contains("PASSED", "0 messages lost: sent 3", "Longest gap (ms)", "How it was measured", "quorum")
			.containsPattern("Rejoined</div>\\s*<div[^>]*>yes</div>");
		assertThat(this.mvc.get().uri("/runs/{id}/drill", run).session(session)).hasStatus(302)
			.hasRedirectedUrl("/drills/" + id);
		assertThat(this.mvc.get().uri("/clusters/{id}/drills", this.cluster).session(session)).hasStatusOk()
			.bodyText()
			.contains("#" + id, "hare@b", "lab-nginx");
		assertThat(this.mvc.get().uri("/clusters/{id}/drills/recent", this.cluster).session(session)).hasStatusOk()
			.bodyText()
			.contains("recent-drills", "#" + id);
		assertThat(this.mvc.get().uri("/clusters/{id}", this.cluster).session(session)).hasStatusOk()
			.bodyText()
			.contains("/drills/recent");
		assertThat(this.mvc.get().uri("/api/v1/drills/{id}", id).with(asViewer())).hasStatusOk()
			.bodyJson()
			.extractingPath("$.messagesReceived")
			.isEqualTo(3);
		assertThat(Duration.ofMillis(40)).isPositive();
	}

	@Test
	void aDrillLeftRunningByAStoppedConsoleEndsFailedAtStartUpSayingTheNodeMayBeStopped() {
		long id = this.recorder.started(new Drill(this.cluster, "prod", this.b, "hare@b", null, "lab-nginx",
				"127.0.0.1:5690", "operator", Instant.now(), 10), runId());
		this.interrupted.start();
		DrillView drill = this.drills.get(id);
		assertThat(drill.result()).isEqualTo(DrillResult.FAILED);
		assertThat(drill.summary()).contains("Interrupted", "hare@b's application may still be stopped", "start_app");
	}

	private long runId() {
		// a drill row points at a run: any run of this cluster will do for the page
		return tools.jackson.databind.json.JsonMapper.builder()
			.build()
			.readTree(Api.body(
					this.api.post("/api/v1/clusters/" + this.cluster + "/nodes/" + this.b + "/restart", Map.of()), 202))
			.get("runId")
			.asLong();
	}

	private MvcTestResult start(Map<String, Object> body) {
		return this.mvc.post()
			.uri("/api/v1/clusters/{id}/drills", this.cluster)
			.with(asOperator())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(body))
			.exchange();
	}

	private long unreachableServer() {
		Map<String, Object> body = Json.server(Api.unique("drill"));
		body.put("host", "127.0.0.1");
		body.put("sshPort", 1);
		body.put("nodeName", "rabbit@" + Api.unique("n"));
		return Json.id(Api.body(this.api.post("/api/v1/servers", body), 201));
	}

}
