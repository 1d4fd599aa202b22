package dev.warren.clustering;

import java.util.List;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * What the wizard and the joins API refuse before anything reaches a server.
 */
@WarrenTest
class JoinRequestsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Runs runs;

	Api api;

	long primary;

	long member;

	long cluster;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.primary = this.api.server("LINUX");
		this.member = this.api.server("LINUX");
		this.cluster = this.api.cluster(this.primary, this.member);
	}

	@Test
	void theApiRefusesBadRequestsNamingTheField() {
		assertThat(this.api.post("/api/v1/clusters/" + this.cluster + "/joins", Json.map("serverIds", List.of())))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("serverIds");
		assertThat(this.api.post("/api/v1/clusters/" + this.cluster + "/joins",
				Json.map("serverIds", List.of(this.primary))))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("is the primary");
		long stranger = this.api.server("LINUX");
		assertThat(
				this.api.post("/api/v1/clusters/" + this.cluster + "/joins", Json.map("serverIds", List.of(stranger))))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("not a member");
		assertThat(this.api.post("/api/v1/clusters/" + this.cluster + "/joins",
				Json.map("serverIds", List.of(this.member), "partitionHandling", "autoheal; rm -rf /")))
			.hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("partitionHandling");
		assertThat(this.api.post("/api/v1/clusters/987654/joins", Json.map("serverIds", List.of(this.member))))
			.hasStatus(404);
		assertThat(this.mvc.post()
			.uri("/api/v1/clusters/{id}/joins", this.cluster)
			.with(Accounts.asViewer())
			.contentType(MediaType.APPLICATION_JSON)
			.content(Json.of(Json.map("serverIds", List.of(this.member))))).hasStatus(403);
		assertThat(this.mvc.get().uri("/api/v1/runs/987654").with(Accounts.asViewer())).hasStatus(404);
		assertThat(this.runs.list(0).getContent())
			.noneMatch((run) -> run.clusterId() != null && run.clusterId() == this.cluster);
	}

	@Test
	void theWizardShowsTheMembersAndRefusesTamperedInput() {
		MockHttpSession operator = Accounts.login(this.mvc, Accounts.OPERATOR);
		assertThat(this.mvc.get().uri("/clusters/{id}/join", this.cluster).session(operator)).hasStatusOk()
			.bodyText()
			.contains("Run preflight checks", "rabbit@srv-");
		assertThat(this.mvc.post().uri("/clusters/{id}/join/preflight", this.cluster).session(operator).with(csrf()))
			.hasStatusOk()
			.bodyText()
			.contains("choose at least one node");
		assertThat(this.mvc.post()
			.uri("/clusters/{id}/join/start", this.cluster)
			.session(operator)
			.with(csrf())
			.param("serverIds", String.valueOf(this.member))
			.param("partitionHandling", "autoheal'); os:cmd(\"id\"), ok.")).hasStatus(302)
			.redirectedUrl()
			.isEqualTo("/clusters/" + this.cluster + "/join");
		assertThat(this.runs.list(0).getContent())
			.noneMatch((run) -> run.clusterId() != null && run.clusterId() == this.cluster);

		MockHttpSession viewer = Accounts.login(this.mvc, Accounts.VIEWER);
		assertThat(this.mvc.post()
			.uri("/clusters/{id}/join/start", this.cluster)
			.session(viewer)
			.with(csrf())
			.param("serverIds", String.valueOf(this.member))).hasStatus(403);
		assertThat(this.mvc.get().uri("/runs").session(viewer)).hasStatusOk();
		assertThat(this.mvc.get().uri("/runs/987654").session(viewer)).hasStatus(404);
	}

}
