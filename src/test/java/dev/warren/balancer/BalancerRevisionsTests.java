package dev.warren.balancer;

import java.util.Map;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

@WarrenTest
class BalancerRevisionsTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	BalancerRevisions revisions;

	@Test
	void listsRevisionsNewestFirstWithoutContentAndOneWithIt() {
		Api api = new Api(this.mvc);
		long cluster = api.cluster(api.server("LINUX"));
		Map<String, Object> body = Json.map("name", Api.unique("rev"), "kind", "NGINX", "clusterId", cluster,
				"hostServerId", api.server("LINUX"), "listenPort", 5672);
		long balancer = Json.id(Api.body(api.post("/api/v1/balancers", body), 201));
		assertThat(this.mvc.get().uri("/api/v1/balancers/{id}/revisions", balancer).with(asViewer())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("[]");

		this.revisions.record(balancer, "first\n", "alice", null, RevisionResult.FAILED, "nothing changed");
		BalancerRevisionView second = this.revisions.record(balancer, "second\n", "bob", null, RevisionResult.SUCCEEDED,
				"live");

		var list = this.mvc.get().uri("/api/v1/balancers/{id}/revisions", balancer).with(asViewer()).exchange();
		assertThat(list).hasStatusOk().bodyJson().extractingPath("$[0].deployedBy").isEqualTo("bob");
		assertThat(list).bodyJson().extractingPath("$[1].result").isEqualTo("FAILED");
		assertThat(list).bodyJson().doesNotHavePath("$[0].content");
		var one = this.mvc.get()
			.uri("/api/v1/balancers/{id}/revisions/{rev}", balancer, second.id())
			.with(asViewer())
			.exchange();
		assertThat(one).hasStatusOk().bodyJson().extractingPath("$.content").isEqualTo("second\n");
		assertThat(one).bodyJson().extractingPath("$.sha256").isEqualTo(Hashes.sha256("second\n"));
		assertThat(this.mvc.get().uri("/api/v1/balancers/{id}/revisions/{rev}", balancer, 999999).with(asViewer()))
			.hasStatus(404);
		assertThat(this.revisions.lastSucceeded(balancer)).map(BalancerRevisionView::content).contains("second\n");

		BalancerRevisionView first = this.revisions.list(balancer).get(1);
		assertThat(this.mvc.get()
			.uri("/balancers/{id}/revisions?from={a}&to={b}", balancer, first.id(), second.id())
			.session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains("-first", "+second", "nothing changed", "Compare")
			.doesNotContain("Roll back to this revision");
		assertThat(this.mvc.get()
			.uri("/balancers/{id}/revisions", balancer)
			.session(Accounts.login(this.mvc, Accounts.OPERATOR))).hasStatusOk()
			.bodyText()
			.contains("Roll back to this revision", "data-confirm=\"Push revision ");
	}

}
