package dev.warren.health;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.warren.support.Accounts;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.BDDMockito.given;

/**
 * The dashboard and the node and balancer pages render every state with its icon and its
 * word, wired to the live stream, for a VIEWER; unknown ids are 404.
 */
@WarrenTest
class DashboardPagesTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	HealthHistory history;

	@MockitoBean
	HealthMonitor monitor;

	@BeforeEach
	void liveStates() {
		HealthSnapshot snapshot = HealthFixtures.snapshot();
		ClusterHealth cluster = snapshot.clusters().get(0);
		given(this.monitor.enabled()).willReturn(true);
		given(this.monitor.snapshot()).willReturn(snapshot);
		given(this.monitor.counts()).willReturn(new EstateCounts(4, 1, 1));
		given(this.monitor.node(anyLong())).willReturn(Optional.empty());
		cluster.nodes().forEach((node) -> given(this.monitor.node(node.serverId())).willReturn(Optional.of(node)));
		given(this.monitor.balancer(anyLong())).willReturn(Optional.empty());
		given(this.monitor.balancer(HealthFixtures.BALANCER)).willReturn(Optional.of(cluster.balancers().get(0)));
		given(this.monitor.cluster(HealthFixtures.CLUSTER)).willReturn(Optional.of(cluster));
		given(this.monitor.recentLatency(TargetKind.NODE, HealthFixtures.UP))
			.willReturn(List.of(new LatencyPoint(Instant.ofEpochMilli(1_000), 2L, HealthState.UP),
					new LatencyPoint(Instant.ofEpochMilli(2_000), null, HealthState.NOT_RESPONDING)));
	}

	@Test
	void showsEveryNodeAndBalancerWithItsStateIconSinceRoundTripAlarmsAndConnections() throws Exception {
		MvcTestResult page = this.mvc.get().uri("/").session(viewer()).exchange();
		assertThat(page).hasStatusOk();
		String html = page.getResponse().getContentAsString();
		assertThat(html)
			.contains("sse-connect=\"/health/stream\"", "hx-ext=\"sse\"", "sse-swap=\"node-11\"",
					"sse-swap=\"node-12\"", "sse-swap=\"balancer-3\"", "sse-swap=\"cluster-5\"",
					"sse-swap=\"timeline\"")
			.contains("data-state=\"UP\"", "data-state=\"DOWN\"", "data-state=\"NOT_RESPONDING\"",
					"data-state=\"DEGRADED\"")
			.contains(">NOT RESPONDING<", ">DOWN<", ">DEGRADED<", ">UP<")
			.contains("bi-hourglass-split", "bi-x-octagon-fill", "bi-exclamation-triangle-fill", "bi-check-circle-fill")
			.contains("degraded: 1 of 4 nodes down", "disk alarm: 40 MiB free", "4 connections", "2 ms")
			.contains("since 2026-11-26 03:12:04 UTC", "datetime=\"2026-11-26T03:12:04Z\"")
			.contains("connection refused by 127.0.0.1:5673", "edge-nginx", "127.0.0.1:5690")
			.contains("href=\"/health/nodes/12\"", "href=\"/health/balancers/3\"", "data-topology",
					"data-latency-url=\"/health/nodes/11/latency\"")
			.contains("/sse.js\"", "/uPlot.iife.min.js\"", "/assets/health.js")
			.doesNotContain("monitoring is off");
	}

	@Test
	void nodePageShowsStateManagementFactsChartAndPersistedHistoryPaged() throws Exception {
		Instant start = Instant.parse("2026-11-25T01:00:00Z");
		for (int i = 0; i < 25; i++) {
			boolean down = i % 2 == 0;
			this.events.publishEvent(new HealthStateChanged(TargetKind.NODE, HealthFixtures.DOWN, "hare@vm",
					HealthFixtures.CLUSTER, down ? HealthState.UP : HealthState.DOWN,
					down ? HealthState.DOWN : HealthState.UP, start.plusSeconds(60L * i), "connection refused " + i));
		}
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (this.history.events(null, TargetKind.NODE, HealthFixtures.DOWN, 0, 1).total() < 25
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(this.mvc.get().uri("/health/nodes/{id}", HealthFixtures.DOWN).session(viewer())).hasStatusOk()
			.bodyText()
			.contains("hare@vm", ">DOWN<", "connection refused by 127.0.0.1:5673", "sse-swap=\"node-12\"",
					"data-latency-url=\"/health/nodes/12/latency\"", "25 in all, newest first", "page 1 of 2")
			.contains("01:24:00", "connection refused 24", "went DOWN", "came back UP", "Older")
			.doesNotContain("connection refused 4<");
		assertThat(this.mvc.get().uri("/health/nodes/{id}?page=1", HealthFixtures.DOWN).session(viewer())).hasStatusOk()
			.bodyText()
			.contains("page 2 of 2", "connection refused 4<", "connection refused 0<", "Newer")
			.doesNotContain("connection refused 5<");
		assertThat(this.mvc.get().uri("/health/nodes/{id}?range=6h", HealthFixtures.DOWN).session(viewer()))
			.hasStatusOk()
			.bodyText()
			.contains("data-samples-url=\"/health/nodes/12/samples?range=6h\"", "last 6 h")
			.doesNotContain("data-latency-url");
		assertThat(this.mvc.get().uri("/health/nodes/{id}", HealthFixtures.ALARMED).session(viewer())).hasStatusOk()
			.bodyText()
			.contains("fox@vm", ">DEGRADED<", "disk alarm: 40 MiB free", "120 MiB", "800 MiB", "40 of 1024",
					"1 h 0 min", "rabbit@vm, hare@vm", "No state change yet.");
	}

	@Test
	void longerRangesComeFromTheStoredSamples() {
		assertThat(this.mvc.get().uri("/health/nodes/{id}/samples?range=24h", HealthFixtures.UP).session(viewer()))
			.hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"points\": []}");
		assertThat(this.mvc.get().uri("/health/balancers/{id}/samples", 987654).session(viewer())).hasStatus(404);
	}

	@Test
	void balancerPageShowsItsState() {
		assertThat(this.mvc.get().uri("/health/balancers/{id}", HealthFixtures.BALANCER).session(viewer()))
			.hasStatusOk()
			.bodyText()
			.contains("edge-nginx", ">UP<", "127.0.0.1:5690", "sse-swap=\"balancer-3\"",
					"data-latency-url=\"/health/balancers/3/latency\"");
	}

	@Test
	void unknownNodesAndBalancersAreNotFound() {
		for (String path : new String[] { "/health/nodes/987654", "/health/balancers/987654",
				"/health/nodes/987654/latency", "/health/balancers/987654/latency", "/health/nodes/not-a-number" }) {
			assertThat(this.mvc.get().uri(path).session(viewer())).as(path).hasStatus(404);
		}
	}

	@Test
	void latencyForTheChartIsCompactJson() {
		assertThat(this.mvc.get().uri("/health/nodes/{id}/latency", HealthFixtures.UP).session(viewer())).hasStatusOk()
			.bodyJson()
			.isLenientlyEqualTo("{\"points\": [[1000, 2], [2000, null]]}");
	}

	@Test
	void everyHealthPageNeedsALogin() {
		for (String path : new String[] { "/", "/health/stream", "/health/nodes/11", "/health/balancers/3",
				"/health/nodes/11/latency" }) {
			assertThat(this.mvc.get().uri(path)).as(path).hasStatus(302).redirectedUrl().endsWith("/login");
		}
	}

	@Test
	void theStreamSendsEveryTileOnConnect() throws Exception {
		MvcTestResult result = this.mvc.get()
			.uri("/health/stream")
			.session(viewer())
			.accept("text/event-stream")
			.asyncExchange();
		assertThat(result.getMvcResult().getRequest().isAsyncStarted()).isTrue();
		String body = "";
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!body.contains("event:node-14") && System.nanoTime() < deadline) {
			Thread.sleep(50);
			body = result.getResponse().getContentAsString();
		}
		assertThat(body)
			.contains("event:cluster-5", "event:node-11", "event:node-12", "event:node-13", "event:node-14",
					"event:balancer-3")
			.contains("data:", ">NOT RESPONDING<", "degraded: 1 of 4 nodes down");
		assertThat(result.getResponse().getContentType()).startsWith("text/event-stream");
	}

	private MockHttpSession viewer() {
		return Accounts.login(this.mvc, Accounts.VIEWER);
	}

}
