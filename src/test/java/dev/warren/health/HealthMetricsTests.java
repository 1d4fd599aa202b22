package dev.warren.health;

import java.time.Instant;
import java.util.List;

import dev.warren.support.Accounts;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The live states as Prometheus gauges, with cluster, node and balancer tags; deleted
 * targets disappear.
 */
@WarrenTest
class HealthMetricsTests {

	static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");

	@Autowired
	HealthMetrics metrics;

	@Autowired
	MockMvcTester mvc;

	@Test
	void exposesUpStateAndRoundTripPerNodeAndBalancer() {
		NodeHealth up = new NodeHealth(1, "server-a", "rabbit@a", HealthState.UP, NOW, 3L, List.of(), 2, "ok", 9L, NOW,
				null);
		NodeHealth down = new NodeHealth(2, "server-b", "rabbit@b", HealthState.DOWN, NOW, null, List.of(), null,
				"refused", 9L, NOW, null);
		BalancerHealth balancer = new BalancerHealth(5, "lb-1", HealthState.NOT_RESPONDING, NOW, null, "slow", 9L,
				"127.0.0.1:5690", NOW);
		this.metrics.update(
				new HealthSnapshot(NOW, List.of(new ClusterHealth(9, "prod", "degraded", "degraded: 1 of 2 nodes down",
						List.of(up, down), List.of(balancer), HealthState.DEGRADED, NOW)), true));

		String body = scrape();
		assertThat(body).contains("warren_health_node_up{cluster=\"prod\",node=\"rabbit@a\",server=\"server-a\"} 1.0",
				"warren_health_node_up{cluster=\"prod\",node=\"rabbit@b\",server=\"server-b\"} 0.0",
				"warren_health_node_state{cluster=\"prod\",node=\"rabbit@b\",server=\"server-b\"} 4.0",
				"warren_health_node_round_trip_seconds{cluster=\"prod\",node=\"rabbit@a\",server=\"server-a\"} 0.003",
				"warren_health_balancer_up{balancer=\"lb-1\",cluster=\"prod\"} 0.0",
				"warren_health_balancer_state{balancer=\"lb-1\",cluster=\"prod\"} 3.0",
				"warren_health_cluster_healthy{cluster=\"prod\"} 0.0");

		this.metrics.update(new HealthSnapshot(NOW, List
			.of(new ClusterHealth(9, "prod", "healthy", "healthy", List.of(up), List.of(), HealthState.UP, NOW)),
				true));
		assertThat(scrape()).doesNotContain("rabbit@b", "lb-1")
			.contains("warren_health_cluster_healthy{cluster=\"prod\"} 1.0");
	}

	String scrape() {
		return assertThat(this.mvc.get().uri("/actuator/prometheus").with(Accounts.asViewer())).hasStatusOk()
			.bodyText()
			.actual();
	}

}
