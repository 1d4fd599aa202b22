package dev.warren.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.warren.support.Accounts;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;

/**
 * The board is composed from a kept shell and the live tiles: a new state shows on the
 * next page, a new shape of the estate (a renamed node, a new cluster) renders a new
 * shell, what only an editor may see is never served to a viewer, and a name cannot forge
 * a slot.
 */
@WarrenTest
class DashboardBoardTests {

	@Autowired
	MockMvcTester mvc;

	@MockitoBean
	HealthMonitor monitor;

	final AtomicReference<HealthSnapshot> snapshot = new AtomicReference<>(HealthFixtures.snapshot());

	@BeforeEach
	void liveStates() {
		given(this.monitor.enabled()).willReturn(true);
		given(this.monitor.snapshot()).willAnswer((invocation) -> this.snapshot.get());
		given(this.monitor.counts()).willReturn(new EstateCounts(4, 1, 1));
	}

	@Test
	void aNewStateShowsOnTheNextPage() throws Exception {
		MockHttpSession viewer = Accounts.login(this.mvc, Accounts.VIEWER);
		String before = page(viewer);
		assertThat(tile(before, "node-12")).contains("data-state=\"DOWN\"", "connection refused by 127.0.0.1:5673");

		this.snapshot.set(HealthFixtures.snapshot(HealthState.UP, HealthState.DOWN));
		String after = page(viewer);
		assertThat(tile(after, "node-12")).contains("data-state=\"UP\"").doesNotContain("connection refused");
		assertThat(tile(after, "balancer-3")).contains("data-state=\"DOWN\"");
		assertThat(after).doesNotContain("<!--slot:");
	}

	@Test
	void aRenamedNodeAndANewClusterShowOnTheNextPage() throws Exception {
		MockHttpSession viewer = Accounts.login(this.mvc, Accounts.VIEWER);
		assertThat(page(viewer)).contains("hare@vm").doesNotContain("hare@renamed", "second-cluster");

		List<ClusterHealth> clusters = new ArrayList<>();
		ClusterHealth prod = HealthFixtures.snapshot().clusters().get(0);
		List<NodeHealth> nodes = new ArrayList<>(prod.nodes());
		nodes.set(1, HealthFixtures.node(HealthFixtures.DOWN, "hare@renamed", HealthState.UP, 5L, List.of(), null,
				"round trip 5 ms"));
		clusters.add(new ClusterHealth(prod.id(), prod.name(), prod.status(), prod.summary(), nodes, prod.balancers(),
				prod.state(), prod.since()));
		clusters.add(new ClusterHealth(6, "second-cluster", "healthy", "healthy",
				List.of(HealthFixtures.node(21, "fox@other", HealthState.UP, 1L, List.of(), null, "round trip 1 ms")),
				List.of(), HealthState.UP, HealthFixtures.SINCE));
		this.snapshot.set(new HealthSnapshot(Instant.now(), clusters, true));

		String html = page(viewer);
		assertThat(html).contains("hare@renamed", "second-cluster", "fox@other", "sse-swap=\"node-21\"",
				"sse-swap=\"cluster-6\"");
		assertThat(tile(html, "node-12")).contains("data-state=\"UP\"", "5 ms");
		assertThat(tile(html, "node-21")).contains("data-state=\"UP\"", "1 ms");
	}

	@Test
	void onlyEditorsAreOfferedToAddABalancerWhicheverVariantWasRenderedFirst() throws Exception {
		ClusterHealth prod = HealthFixtures.snapshot().clusters().get(0);
		this.snapshot.set(new HealthSnapshot(Instant.now(), List.of(new ClusterHealth(prod.id(), prod.name(),
				prod.status(), prod.summary(), prod.nodes(), List.of(), prod.state(), prod.since())), true));
		MockHttpSession viewer = Accounts.login(this.mvc, Accounts.VIEWER);
		MockHttpSession operator = Accounts.login(this.mvc, Accounts.OPERATOR);
		for (int round = 0; round < 2; round++) {
			assertThat(page(viewer)).contains("No balancer fronts this cluster yet").doesNotContain(">Add one<");
			assertThat(page(operator)).contains("No balancer fronts this cluster yet", ">Add one<");
		}
	}

	@Test
	void aNameThatLooksLikeASlotStaysText() throws Exception {
		ClusterHealth prod = HealthFixtures.snapshot().clusters().get(0);
		this.snapshot.set(new HealthSnapshot(Instant.now(), List.of(new ClusterHealth(prod.id(), "<!--slot:node-11-->",
				prod.status(), prod.summary(), prod.nodes(), prod.balancers(), prod.state(), prod.since())), true));
		String html = page(Accounts.login(this.mvc, Accounts.VIEWER));
		assertThat(html).contains(">&lt;!--slot:node-11--&gt;</a>").doesNotContain("<!--slot:");
	}

	private String page(MockHttpSession session) throws Exception {
		MvcTestResult page = this.mvc.get().uri("/").session(session).exchange();
		assertThat(page).hasStatusOk();
		return page.getResponse().getContentAsString();
	}

	/** The inside of the element that the stream swaps for this target. */
	private static String tile(String html, String target) {
		int start = html.indexOf("sse-swap=\"" + target + "\"");
		assertThat(start).as(target + " in the page").isPositive();
		int open = html.indexOf('>', start) + 1;
		int end = html.length();
		for (String next : List.of("class=\"sparkline", "sse-swap=", "card-body")) {
			int at = html.indexOf(next, open);
			end = (at > 0) ? Math.min(end, at) : end;
		}
		return html.substring(open, end);
	}

}
