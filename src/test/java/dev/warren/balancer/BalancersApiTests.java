package dev.warren.balancer;

import java.util.Map;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asAdmin;
import static dev.warren.support.Accounts.asOperator;
import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

@WarrenTest
class BalancersApiTests {

	@Autowired
	MockMvcTester mvc;

	Api api;

	long cluster;

	long linuxHost;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.cluster = this.api.cluster(this.api.server("LINUX"), this.api.server("LINUX"));
		this.linuxHost = this.api.server("LINUX");
	}

	@Test
	void createsAnNginxBalancerWithTheDefaultsOfItsKind() {
		var result = this.api.post("/api/v1/balancers", balancer("NGINX", this.linuxHost, 5672));
		assertThat(result).hasStatus(201);
		assertThat(result).bodyJson().extractingPath("$.configPath").isEqualTo("/etc/nginx/nginx.conf");
		assertThat(result).bodyJson().extractingPath("$.validateCommand").isEqualTo("nginx -t -c {file}");
		assertThat(result).bodyJson().extractingPath("$.reloadCommand").isEqualTo("nginx -s reload");
		assertThat(result).bodyJson().extractingPath("$.listenAddress").isEqualTo("0.0.0.0");
	}

	@Test
	void givesHaproxyAndWindowsNginxTheirOwnDefaults() {
		assertThat(this.api.post("/api/v1/balancers", balancer("HAPROXY", this.linuxHost, 5673))).hasStatus(201)
			.bodyJson()
			.extractingPath("$.validateCommand")
			.isEqualTo("haproxy -c -f {file}");
		long windows = this.api.server("WINDOWS");
		assertThat(this.api.post("/api/v1/balancers", balancer("NGINX", windows, 5672))).hasStatus(201)
			.bodyJson()
			.extractingPath("$.reloadCommand")
			.isEqualTo("nginx.exe -s reload");
		assertThat(this.api.post("/api/v1/balancers", balancer("HAPROXY", windows, 5680))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("kind");
	}

	@ParameterizedTest
	@ValueSource(strings = { "nginx -s reload; rm -rf /", "nginx && id", "nginx | tee", "nginx $(id)", "nginx `id`",
			"nginx > /etc/passwd", "nginx\nid", "%COMSPEC% /c", "\"unbalanced" })
	void refusesCommandsThatAreNotOneProgram(String command) {
		Map<String, Object> body = balancer("NGINX", this.linuxHost, 5672);
		body.put("reloadCommand", command);
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("reloadCommand");
	}

	@Test
	void refusesTwoBalancersOnTheSamePortOfOneHost() {
		assertThat(this.api.post("/api/v1/balancers", balancer("NGINX", this.linuxHost, 5672))).hasStatus(201);
		assertThat(this.api.post("/api/v1/balancers", balancer("HAPROXY", this.linuxHost, 5672))).hasStatus(409)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("listenPort");
	}

	@Test
	void refusesUnknownReferencesAndBadPortsAndAddresses() {
		Map<String, Object> body = balancer("NGINX", this.linuxHost, 5672);
		body.put("clusterId", 987654);
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("clusterId");
		body = balancer("NGINX", 987654, 5672);
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("hostServerId");
		assertThat(this.api.post("/api/v1/balancers", balancer("NGINX", this.linuxHost, 70000))).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("listenPort");
		body = balancer("NGINX", this.linuxHost, 5672);
		body.put("listenAddress", "0.0.0.0;id");
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("listenAddress");
		body = balancer("ENVOY", this.linuxHost, 5672);
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("kind");
	}

	@Test
	void protectsTheClusterAndHostItUsesFromDeletion() {
		long id = Json.id(Api.body(this.api.post("/api/v1/balancers", balancer("NGINX", this.linuxHost, 5672)), 201));
		assertThat(this.mvc.delete().uri("/api/v1/clusters/{id}", this.cluster).with(asAdmin())).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("fronts it");
		assertThat(this.mvc.delete().uri("/api/v1/servers/{id}", this.linuxHost).with(asAdmin())).hasStatus(409)
			.bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("hosts balancer");
		assertThat(this.mvc.delete().uri("/api/v1/balancers/{id}", id).with(asViewer())).hasStatus(403);
		assertThat(this.mvc.delete().uri("/api/v1/balancers/{id}", id).with(asOperator())).hasStatus(204);
		assertThat(this.mvc.delete().uri("/api/v1/clusters/{id}", this.cluster).with(asAdmin())).hasStatus(204);
	}

	@Test
	void updatesAndAnswersNotFoundForUnknownIds() {
		long id = Json.id(Api.body(this.api.post("/api/v1/balancers", balancer("NGINX", this.linuxHost, 5672)), 201));
		Map<String, Object> body = balancer("NGINX", this.linuxHost, 5690);
		body.put("configPath", "/etc/nginx/conf.d/rabbitmq.conf");
		assertThat(this.api.put("/api/v1/balancers/" + id, body)).hasStatusOk()
			.bodyJson()
			.extractingPath("$.listenPort")
			.isEqualTo(5690);
		assertThat(this.mvc.get().uri("/api/v1/balancers/{id}", id).with(asViewer())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/balancers").with(asViewer())).hasStatusOk();
		assertThat(this.mvc.get().uri("/api/v1/balancers/424242").with(asViewer())).hasStatus(404);
		assertThat(this.api.put("/api/v1/balancers/424242", body)).hasStatus(404);
		assertThat(this.mvc.delete().uri("/api/v1/balancers/424242").with(asAdmin())).hasStatus(404);
	}

	private Map<String, Object> balancer(String kind, long host, int port) {
		return Json.map("name", Api.unique("lb"), "kind", kind, "clusterId", this.cluster, "hostServerId", host,
				"listenPort", port);
	}

}
