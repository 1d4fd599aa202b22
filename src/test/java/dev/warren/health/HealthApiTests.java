package dev.warren.health;

import dev.warren.support.Accounts;
import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of {@code GET /api/v1/health}, with monitoring off (the test profile): the
 * inventory, every state UNKNOWN and saying why.
 */
@WarrenTest
class HealthApiTests {

	@Autowired
	MockMvcTester mvc;

	@Test
	void listsEveryClusterWithItsNodesAndBalancersInTheDocumentedShape() {
		Api api = new Api(this.mvc);
		long a = api.server("LINUX");
		long b = api.server("LINUX");
		long cluster = api.cluster(a, b);
		long balancer = Json.id(Api.body(api.post("/api/v1/balancers", Json.map("name", Api.unique("lb"), "kind",
				"HAPROXY", "clusterId", cluster, "hostServerId", a, "listenPort", 5690)), 201));

		var json = assertThat(this.mvc.get().uri("/api/v1/health").with(Accounts.asViewer())).hasStatusOk().bodyJson();
		String at = "$.clusters[?(@.id == " + cluster + ")]";
		json.extractingPath(at + ".name").asArray().hasSize(1);
		json.extractingPath(at + ".status").asArray().containsExactly("unknown");
		json.extractingPath(at + ".summary")
			.asArray()
			.containsExactly("unknown: health monitoring is off (warren.health.enabled=false)");
		json.extractingPath(at + ".nodes[*].serverId").asArray().containsExactly((int) a, (int) b);
		json.extractingPath(at + ".nodes[0].state").asArray().containsExactly("UNKNOWN");
		json.extractingPath(at + ".balancers[*].id").asArray().containsExactly((int) balancer);
		json.extractingPath("$.enabled").isEqualTo(false);
		JsonNode body = JsonMapper.builder()
			.build()
			.readTree(Api.body(this.mvc.get().uri("/api/v1/health").with(Accounts.asViewer()).exchange(), 200));
		JsonNode entry = null;
		for (JsonNode candidate : body.get("clusters")) {
			if (candidate.get("id").asLong() == cluster) {
				entry = candidate;
			}
		}
		assertThat(entry).isNotNull();
		assertThat(entry.get("nodes").get(0).propertyNames()).contains("serverId", "nodeName", "state", "since",
				"roundTripMs", "alarms", "connections", "detail");
		assertThat(entry.get("nodes").get(0).get("alarms").isArray()).isTrue();
		assertThat(entry.get("balancers").get(0).propertyNames()).contains("id", "name", "state", "since",
				"roundTripMs");
	}

	@Test
	void needsALogin() {
		assertThat(this.mvc.get().uri("/api/v1/health")).hasStatus(401);
	}

	@Test
	void latencyOfAnUnknownNodeIsNotFound() {
		assertThat(this.mvc.get().uri("/api/v1/health/nodes/987654/latency").with(Accounts.asViewer())).hasStatus(404);
		assertThat(this.mvc.get().uri("/api/v1/health/balancers/987654/latency").with(Accounts.asViewer()))
			.hasStatus(404);
	}

}
