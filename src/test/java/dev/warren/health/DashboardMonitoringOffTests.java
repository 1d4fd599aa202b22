package dev.warren.health;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code warren.health.enabled=false} (the test profile) the dashboard says that
 * monitoring is off and shows the inventory, instead of UNKNOWN everywhere.
 */
@WarrenTest
class DashboardMonitoringOffTests {

	@Autowired
	MockMvcTester mvc;

	@Autowired
	dev.warren.inventory.Servers servers;

	@Autowired
	dev.warren.inventory.Clusters clusters;

	@Test
	void saysMonitoringIsOffAndShowsTheInventoryWithoutStates() {
		Api api = new Api(this.mvc);
		long a = api.server("LINUX");
		long b = api.server("LINUX");
		api.cluster(a, b);
		assertThat(this.mvc.get().uri("/").session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains("Health monitoring is off", "warren.health.enabled=false", "data-testid=\"node-tile\"")
			.doesNotContain("sse-connect", ">UNKNOWN<", "data-testid=\"state\"");
	}

	@Test
	void countsEveryServerAndClusterIncludingServersWithoutANodeName() {
		Api api = new Api(this.mvc);
		api.cluster(api.server("LINUX"), api.server("LINUX"));
		java.util.Map<String, Object> nameless = dev.warren.support.Json.server("no-node-" + System.nanoTime());
		nameless.remove("nodeName");
		assertThat(api.post("/api/v1/servers", nameless)).hasStatus(201);
		assertThat(this.mvc.get().uri("/").session(Accounts.login(this.mvc, Accounts.VIEWER))).hasStatusOk()
			.bodyText()
			.contains("data-testid=\"server-count\">" + this.servers.count() + "</span>",
					">" + this.clusters.count() + "</span> clusters");
	}

}
