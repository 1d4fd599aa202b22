package dev.warren.balancer;

import java.util.Map;

import dev.warren.clustering.Runs;
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
 * "Deploy to all" refusals, roles and the cluster page's card; the deployments themselves
 * run against the lab in {@link DeployToAllLabTests}.
 */
@WarrenTest
class DeployToAllTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	Runs runs;

	Api api;

	long cluster;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.cluster = this.api.cluster(this.api.server("LINUX"));
	}

	@Test
	void refusesAClusterWithoutBalancerWith422() {
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/clusters/{id}/balancer-deployments", this.cluster)
			.with(asOperator())
			.exchange();
		assertThat(result).hasStatus(422).hasContentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("No balancer fronts cluster");
		assertThat(this.runs.recentFor(this.cluster)).isEmpty();
	}

	@Test
	void refusesWhenOneBalancerIsOnAWindowsHostAndStartsNothing() {
		balancer("a-linux", this.api.server("LINUX"));
		String windows = balancer("b-windows", this.api.server("WINDOWS"));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/clusters/{id}/balancer-deployments", this.cluster)
			.with(asOperator())
			.exchange();
		assertThat(result).hasStatus(422)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Balancer '" + windows + "'", "cannot yet push configs to Windows hosts", "Nothing was deployed");
		assertThat(this.runs.recentFor(this.cluster)).isEmpty();
	}

	@Test
	void answersNotFoundForAnUnknownCluster() {
		assertThat(this.mvc.post().uri("/api/v1/clusters/{id}/balancer-deployments", 987654).with(asOperator()))
			.hasStatus(404);
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/balancers", 987654)
			.session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatus(404);
	}

	@Test
	void startsOneRunAndAnswersWithItsLocation() {
		balancer("a-linux", this.api.server("LINUX"));
		MvcTestResult result = this.mvc.post()
			.uri("/api/v1/clusters/{id}/balancer-deployments", this.cluster)
			.with(asOperator())
			.exchange();
		assertThat(result).hasStatus(202);
		assertThat(result.getResponse().getHeader("Location")).matches("/api/v1/runs/\\d+");
		assertThat(this.runs.recentFor(this.cluster)).singleElement()
			.satisfies(
					(run) -> assertThat(run.target()).matches("Deploy to all balancers of cluster cluster-.* \\(1\\)"));
	}

	@Test
	void aViewerCannotDeployToAll() {
		balancer("a-linux", this.api.server("LINUX"));
		assertThat(this.mvc.post().uri("/api/v1/clusters/{id}/balancer-deployments", this.cluster).with(asViewer()))
			.hasStatus(403);
		assertThat(this.mvc.post()
			.uri("/clusters/{id}/balancer-deployments", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.VIEWER))
			.with(csrf())).hasStatus(403);
		assertThat(this.runs.recentFor(this.cluster)).isEmpty();
	}

	@Test
	void theClusterPageListsItsBalancersWithDeployToAllForOperatorsOnly() {
		String name = balancer("a-linux", this.api.server("LINUX"));
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/balancers", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))).hasStatusOk()
			.bodyText()
			.contains(name, "data-testid=\"deploy-all\"", "data-confirm=\"Push the generated config to each of the 1 ");
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/balancers", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains(name)
			.doesNotContain("deploy-all");
		assertThat(
				this.mvc.get().uri("/clusters/{id}", this.cluster).session(Accounts.login(this.mvc, Accounts.VIEWER)))
			.hasStatusOk()
			.bodyText()
			.contains("/clusters/" + this.cluster + "/balancers");
	}

	@Test
	void thePageSaysWhyWhenNoBalancerFrontsTheCluster() {
		MvcTestResult result = this.mvc.post()
			.uri("/clusters/{id}/balancer-deployments", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))
			.with(csrf())
			.exchange();
		assertThat(result).hasStatus3xxRedirection();
		assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/clusters/" + this.cluster);
		assertThat(result).flash().containsKey("error");
		assertThat(this.mvc.get()
			.uri("/clusters/{id}/balancers", this.cluster)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))).bodyText()
			.contains("No balancer fronts this cluster yet")
			.doesNotContain("deploy-all");
	}

	private String balancer(String name, long host) {
		String unique = Api.unique(name);
		Map<String, Object> body = Json.map("name", unique, "kind", "NGINX", "clusterId", this.cluster, "hostServerId",
				host, "listenPort", 5672);
		Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
		return unique;
	}

}
