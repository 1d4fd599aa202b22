package dev.warren.balancer;

import java.util.Map;

import dev.warren.support.Api;
import dev.warren.support.Json;
import dev.warren.support.WarrenTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static dev.warren.support.Accounts.asViewer;
import static org.assertj.core.api.Assertions.assertThat;

@WarrenTest
class BalancerSettingsApiTests {

	@Autowired
	MockMvcTester mvc;

	Api api;

	long cluster;

	long host;

	@BeforeEach
	void setUp() {
		this.api = new Api(this.mvc);
		this.cluster = this.api.cluster(this.api.server("LINUX"));
		this.host = this.api.server("LINUX");
	}

	@Test
	void givesClientsThatOmitTheSettingsTheDefaults() {
		var result = this.api.post("/api/v1/balancers", balancer(5672));
		assertThat(result).hasStatus(201);
		var json = assertThat(result).bodyJson();
		json.extractingPath("$.balancingMethod").isEqualTo("ROUND_ROBIN");
		json.extractingPath("$.connectTimeoutSeconds").isEqualTo(5);
		json.extractingPath("$.idleTimeoutSeconds").isEqualTo(120);
		json.extractingPath("$.maxFails").isEqualTo(1);
		json.extractingPath("$.failTimeoutSeconds").isEqualTo(10);
		json.extractingPath("$.checkIntervalMillis").isEqualTo(1000);
		json.extractingPath("$.checkFall").isEqualTo(2);
		json.extractingPath("$.checkRise").isEqualTo(1);
		json.extractingPath("$.balanceManagement").isEqualTo(false);
		json.extractingPath("$.managementListenPort").isEqualTo(15672);
		json.extractingPath("$.proxyProtocol").isEqualTo(false);
		json.extractingPath("$.nginxLayout").isEqualTo("FULL_CONFIG");
		json.extractingPath("$.warnings").asArray().isEmpty();
		json.hasPathSatisfying("$.createdAt", (createdAt) -> createdAt.assertThat().isNotNull());
		assertThat(Api.body(result, 201)).doesNotContain("\"settings\"");
	}

	@Test
	void storesTheSettingsAndKeepsThemWhenAnOlderClientReplacesTheDefinition() {
		Map<String, Object> body = balancer(5672);
		body.putAll(Map.of("balancingMethod", "LEAST_CONNECTIONS", "connectTimeoutSeconds", 3, "idleTimeoutSeconds",
				300, "checkIntervalMillis", 500, "balanceManagement", true, "managementListenPort", 15680,
				"proxyProtocol", true));
		long id = Json.id(Api.body(this.api.post("/api/v1/balancers", body), 201));
		Map<String, Object> older = balancer(5673);
		older.put("name", body.get("name"));
		var json = assertThat(this.api.put("/api/v1/balancers/" + id, older)).hasStatusOk().bodyJson();
		json.extractingPath("$.listenPort").isEqualTo(5673);
		json.extractingPath("$.balancingMethod").isEqualTo("LEAST_CONNECTIONS");
		json.extractingPath("$.idleTimeoutSeconds").isEqualTo(300);
		json.extractingPath("$.checkIntervalMillis").isEqualTo(500);
		json.extractingPath("$.managementListenPort").isEqualTo(15680);
		json.extractingPath("$.proxyProtocol").isEqualTo(true);
		assertThat(this.mvc.get().uri("/api/v1/balancers/{id}/config", id).with(asViewer())).bodyText()
			.contains("least_conn;", "proxy_timeout 300s;", "proxy_protocol on;", "listen 0.0.0.0:15680");
	}

	@ParameterizedTest
	@CsvSource({ "connectTimeoutSeconds, 0, between 1 and 3600 seconds",
			"idleTimeoutSeconds, 86401, between 1 and 86400 seconds", "maxFails, -1, between 0",
			"failTimeoutSeconds, 0, between 1 and 3600 seconds", "checkIntervalMillis, 50, between 100 and 60000",
			"checkFall, 0, between 1 and 100 checks", "checkRise, 101, between 1 and 100 checks",
			"managementListenPort, 70000, less than or equal to 65535" })
	void namesTheSettingThatIsOutOfRange(String field, int value, String message) {
		Map<String, Object> body = balancer(5672);
		body.put(field, value);
		var json = assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400).bodyJson();
		json.extractingPath("$.errors[0].field").isEqualTo(field);
		json.extractingPath("$.errors[0].message").asString().contains(message);
	}

	@Test
	void refusesUnknownMethodsAndLayouts() {
		Map<String, Object> body = balancer(5672);
		body.put("balancingMethod", "RANDOM");
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("balancingMethod");
		body = balancer(5672);
		body.put("nginxLayout", "SNIPPET");
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("nginxLayout");
	}

	@Test
	void keepsTheManagementPortApartFromEveryOtherPortOnTheHost() {
		Map<String, Object> body = balancer(5672);
		body.putAll(Map.of("balanceManagement", true, "managementListenPort", 5672));
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("managementListenPort");
		body.put("managementListenPort", 15672);
		assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(201);
		Map<String, Object> second = balancer(15672);
		second.put("kind", "HAPROXY");
		assertThat(this.api.post("/api/v1/balancers", second)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("listenPort");
		second = balancer(5680);
		second.putAll(Map.of("balanceManagement", true, "managementListenPort", 5672));
		assertThat(this.api.post("/api/v1/balancers", second)).hasStatus(409)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("managementListenPort");
	}

	@Test
	void givesAnIncludeFileItsOwnPathAndRefusesToReplaceNginxConfWithIt() {
		Map<String, Object> body = balancer(5672);
		body.put("nginxLayout", "INCLUDE");
		var json = assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(201).bodyJson();
		json.extractingPath("$.configPath").isEqualTo("/etc/nginx/rabbitmq-stream.conf");
		json.extractingPath("$.validateCommand").isEqualTo("nginx -t");
		Map<String, Object> replacing = balancer(5673);
		replacing.putAll(Map.of("nginxLayout", "INCLUDE", "configPath", "/etc/nginx/nginx.conf"));
		var refused = assertThat(this.api.post("/api/v1/balancers", replacing)).hasStatus(400).bodyJson();
		refused.extractingPath("$.errors[0].field").isEqualTo("configPath");
		refused.extractingPath("$.errors[0].message").asString().contains("must not replace nginx.conf");
		long windows = this.api.server("WINDOWS");
		Map<String, Object> onWindows = balancer(5672);
		onWindows.putAll(Map.of("nginxLayout", "INCLUDE", "hostServerId", windows));
		assertThat(this.api.post("/api/v1/balancers", onWindows)).hasStatus(201)
			.bodyJson()
			.extractingPath("$.configPath")
			.isEqualTo("C:\\nginx\\conf\\rabbitmq-stream.conf");
	}

	@Test
	void writesOnlyUpstreamAndServerBlocksForAFileIncludedInsideStream() {
		Map<String, Object> body = balancer(5672);
		body.putAll(Map.of("nginxLayout", "STREAM_INCLUDE", "upstreamName", "orders_amqp", "balanceManagement", true));
		var created = this.api.post("/api/v1/balancers", body);
		var json = assertThat(created).hasStatus(201).bodyJson();
		json.extractingPath("$.configPath").isEqualTo("/etc/nginx/stream.d/rabbitmq.conf");
		json.extractingPath("$.validateCommand").isEqualTo("nginx -t");
		json.extractingPath("$.upstreamName").isEqualTo("orders_amqp");
		long id = Json.id(Api.body(created, 201));
		String config = Api.body(this.mvc.get().uri("/api/v1/balancers/{id}/config", id).with(asViewer()).exchange(),
				200);
		assertThat(config)
			.contains("\nupstream orders_amqp {\n", "proxy_pass orders_amqp;", "\nupstream orders_management {\n",
					"inside the stream {} block")
			.doesNotContain("stream {\n", "events", "load_module");
	}

	@Test
	void keepsTheUpstreamNamesOfTheBalancersOnOneHostApart() {
		Map<String, Object> first = balancer(5672);
		first.put("nginxLayout", "STREAM_INCLUDE");
		assertThat(this.api.post("/api/v1/balancers", first)).hasStatus(201)
			.bodyJson()
			.extractingPath("$.upstreamName")
			.isEqualTo("rabbitmq_amqp");
		Map<String, Object> second = balancer(5673);
		second.putAll(Map.of("nginxLayout", "STREAM_INCLUDE", "configPath", "/etc/nginx/stream.d/second.conf"));
		String derived = second.get("name").toString().replaceAll("[^A-Za-z0-9_]+", "_") + "_amqp";
		assertThat(this.api.post("/api/v1/balancers", second)).hasStatus(201)
			.bodyJson()
			.extractingPath("$.upstreamName")
			.isEqualTo(derived);
		Map<String, Object> third = balancer(5674);
		third.putAll(Map.of("nginxLayout", "STREAM_INCLUDE", "configPath", "/etc/nginx/stream.d/third.conf",
				"upstreamName", derived));
		var refused = assertThat(this.api.post("/api/v1/balancers", third)).hasStatus(409).bodyJson();
		refused.extractingPath("$.errors[0].field").isEqualTo("upstreamName");
		refused.extractingPath("$.errors[0].message")
			.asString()
			.contains("'" + second.get("name") + "'", "two upstreams of one name");
		third.put("upstreamName", "bad-name");
		assertThat(this.api.post("/api/v1/balancers", third)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("upstreamName");
	}

	@Test
	void writesThePidFileAndErrorLogItIsGivenIntoACompleteNginxConf() {
		Map<String, Object> body = balancer(5672);
		body.putAll(Map.of("pidFile", "/opt/nginx/run/nginx.pid", "errorLog", "/opt/nginx/logs/error.log"));
		var created = this.api.post("/api/v1/balancers", body);
		assertThat(created).hasStatus(201).bodyJson().extractingPath("$.pidFile").isEqualTo("/opt/nginx/run/nginx.pid");
		long id = Json.id(Api.body(created, 201));
		assertThat(Api.body(this.mvc.get().uri("/api/v1/balancers/{id}/config", id).with(asViewer()).exchange(), 200))
			.contains("\npid /opt/nginx/run/nginx.pid;\n", "\nerror_log /opt/nginx/logs/error.log notice;\n");
		Map<String, Object> hostile = balancer(5673);
		hostile.put("pidFile", "/run/nginx.pid; include /etc/shadow");
		assertThat(this.api.post("/api/v1/balancers", hostile)).hasStatus(400)
			.bodyJson()
			.extractingPath("$.errors[0].field")
			.isEqualTo("pidFile");
	}

	@Test
	void warnsAboutAShortIdleTimeoutAndThePriceOfProxyProtocol() {
		Map<String, Object> body = balancer(5672);
		body.putAll(Map.of("idleTimeoutSeconds", 60, "proxyProtocol", true));
		var json = assertThat(this.api.post("/api/v1/balancers", body)).hasStatus(201).bodyJson();
		json.extractingPath("$.warnings[0]").asString().contains("less than twice RabbitMQ's default heartbeat");
		json.extractingPath("$.warnings[1]").asString().contains("proxy_protocol = true");
	}

	private Map<String, Object> balancer(int port) {
		return Json.map("name", Api.unique("lb"), "kind", "NGINX", "clusterId", this.cluster, "hostServerId", this.host,
				"listenPort", port);
	}

}
