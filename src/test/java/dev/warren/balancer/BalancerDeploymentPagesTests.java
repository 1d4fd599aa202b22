package dev.warren.balancer;

import java.util.Map;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

@WarrenTest
class BalancerDeploymentPagesTests {

	@Autowired
	MockMvcTester mvc;

	long balancer;

	@BeforeEach
	void setUp() {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"));
		Map<String, Object> body = Json.map("name", Api.unique("push"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", api.server("LINUX"), "listenPort", 5672);
		this.balancer = Json.id(Api.body(api.post("/api/v1/balancers", body), 201));
	}

	@Test
	void offersThePushWithAConfirmationToOperatorsOnly() {
		assertThat(this.mvc.get()
			.uri("/balancers/{id}", this.balancer)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))).hasStatusOk()
			.bodyText()
			.contains("data-testid=\"deploy-balancer\"", "Push to", "data-confirm=\"Push this nginx.conf to ");
		assertThat(
				this.mvc.get().uri("/balancers/{id}", this.balancer).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatusOk()
			.bodyText()
			.doesNotContain("deploy-balancer");
	}

	@Test
	void thePushGoesToTheRunsPage() {
		MvcTestResult result = this.mvc.post()
			.uri("/balancers/{id}/deployments", this.balancer)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus3xxRedirection();
		assertThat(result.getResponse().getRedirectedUrl()).matches("/runs/\\d+");
	}

	@Test
	void aViewerCannotPushThroughTheApi() {
		assertThat(this.mvc.post().uri("/api/v1/balancers/{id}/deployments", this.balancer).with(asViewer()))
			.hasStatus(403);
	}

}
