package dev.warren.system;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo estate of docker-compose.yml cannot be started here (no Docker engine), so the
 * pieces a newcomer relies on are proven separately: {@code demo/register} really
 * registers it in a running console, and what it registers (host names, node names,
 * ports, paths, passwords) is what the compose file and the demo images provide.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class DemoEstateTests {

	private static final String ADMIN_PASSWORD = "admin-password-for-tests";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Test
	void theRegisterScriptRecordsTheComposeEstateInARunningConsole() throws Exception {
		ProcessBuilder builder = new ProcessBuilder("bash", "demo/register", "http://127.0.0.1:" + this.port)
			.redirectErrorStream(true);
		builder.environment().keySet().removeIf((name) -> name.startsWith("DEMO_") || name.startsWith("WARREN_"));
		builder.environment().put("WARREN_ADMIN_PASSWORD", ADMIN_PASSWORD);
		Process process = builder.start();
		process.getOutputStream().close();
		boolean ended = process.waitFor(60, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(ended).as(output).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		assertThat(output).contains("cluster demo:", "balancer demo-nginx:", "trust its SSH host key");

		JsonNode servers = get("/api/v1/servers");
		Map<String, Object> compose = compose();
		for (String node : List.of("rabbit1", "rabbit2", "rabbit3")) {
			JsonNode server = byName(servers, node);
			Map<String, Object> service = service(compose, node);
			assertThat(server.get("host").asString()).isEqualTo(service.get("hostname"));
			assertThat(server.get("nodeName").asString()).isEqualTo("rabbit@" + service.get("hostname"));
			assertThat(server.get("sshUser").asString()).isEqualTo("warren");
			assertThat(server.get("useSudo").asBoolean()).isTrue();
			assertThat(server.get("managementUser").asString())
				.isEqualTo(environment(service).get("RABBITMQ_DEFAULT_USER"));
			assertThat(service.get("build")).isEqualTo("demo/rabbitmq-node");
		}
		JsonNode balancerHost = byName(servers, "balancer");
		assertThat(balancerHost.get("host").asString()).isEqualTo(service(compose, "balancer").get("hostname"));

		JsonNode cluster = byName(get("/api/v1/clusters"), "demo");
		assertThat(cluster.get("memberServerIds")).hasSize(3);
		JsonNode balancer = byName(get("/api/v1/balancers"), "demo-nginx");
		assertThat(balancer.get("clusterId").asLong()).isEqualTo(cluster.get("id").asLong());
		String config = text("/api/v1/balancers/" + balancer.get("id").asLong() + "/config");
		assertThat(config).contains("server rabbit1:5672", "server rabbit2:5672", "server rabbit3:5672",
				"listen 0.0.0.0:5672");
		assertThat(environment(service(compose, "balancer"))).containsKey("DEMO_SSH_PASSWORD");
		assertThat(ports(service(compose, "balancer")))
			.containsExactly(balancer.get("listenPort").asInt() + ":" + balancer.get("listenPort").asInt());
		assertThat(balancer.get("configPath").asString()).isEqualTo("/etc/nginx/nginx.conf");
	}

	@Test
	void theDemoImagesProvideWhatTheRegisteredServersNeed() throws IOException {
		String register = Files.readString(Path.of("demo/register"));
		Map<String, Object> compose = compose();
		Map<String, Object> rabbit = service(compose, "rabbit1");
		for (String name : List.of("rabbit2", "rabbit3")) {
			assertThat(environment(service(compose, name))).isEqualTo(environment(rabbit));
			assertThat(service(compose, name).get("build")).isEqualTo(rabbit.get("build"));
		}
		// The script's defaults are the compose file's, so both agree without any
		// variable set.
		assertThat(environment(rabbit).get("DEMO_SSH_PASSWORD")).isEqualTo("${DEMO_SSH_PASSWORD:-warren-demo}");
		assertThat(register).contains("${DEMO_SSH_PASSWORD:-warren-demo}");
		assertThat(environment(rabbit).get("RABBITMQ_DEFAULT_PASS"))
			.isEqualTo("${DEMO_RABBITMQ_PASSWORD:-demo-password}");
		assertThat(register).contains("${DEMO_RABBITMQ_PASSWORD:-demo-password}");
		assertThat(environment(rabbit)).containsKey("DEMO_ERLANG_COOKIE");

		String nodeImage = Files.readString(Path.of("demo/rabbitmq-node/Dockerfile"));
		assertThat(nodeImage).contains("openssh-server", "NOPASSWD: /opt/rabbitmq/sbin/rabbitmqctl",
				"/opt/rabbitmq/sbin/rabbitmq-diagnostics", "useradd --create-home --shell /bin/bash warren");
		assertThat(register).contains("\\\"rabbitmqctlPath\\\":\\\"/opt/rabbitmq/sbin/rabbitmqctl\\\"");
		String nodeEntrypoint = Files.readString(Path.of("demo/rabbitmq-node/demo-entrypoint.sh"));
		assertThat(nodeEntrypoint).contains("DEMO_ERLANG_COOKIE", "DEMO_SSH_PASSWORD", "/var/lib/rabbitmq /root",
				"/usr/sbin/sshd", "exec docker-entrypoint.sh");

		String balancerImage = Files.readString(Path.of("demo/nginx-balancer/Dockerfile"));
		// Warren's push confirms a reload with ps and ss, and needs the stream module.
		assertThat(balancerImage).contains("libnginx-mod-stream", "procps", "iproute2", "openssh-server",
				"COPY nginx.conf /etc/nginx/nginx.conf");
	}

	@Test
	void theDemoBalancersFirstConfigPassesTheRealNginxTest() throws Exception {
		Path nginx = Path.of("/usr/sbin/nginx");
		if (!Files.isExecutable(nginx)) {
			assertThat(System.getenv("WARREN_LAB_REQUIRED")).as("nginx is installed by lab/install")
				.isNotEqualTo("true");
			Assumptions.abort("nginx is not installed here (lab/install installs it)");
		}
		Process process = new ProcessBuilder(nginx.toString(), "-t", "-c",
				Path.of("demo/nginx-balancer/nginx.conf").toAbsolutePath().toString())
			.redirectErrorStream(true)
			.start();
		boolean ended = process.waitFor(30, TimeUnit.SECONDS);
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(ended).isTrue();
		assertThat(output).contains("syntax is ok");
	}

	private JsonNode get(String path) throws IOException, InterruptedException {
		return MAPPER.readTree(text(path));
	}

	private String text(String path) throws IOException, InterruptedException {
		String basic = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.header("Authorization", "Basic " + basic)
				.timeout(Duration.ofSeconds(10))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static JsonNode byName(JsonNode list, String name) {
		List<String> names = new ArrayList<>();
		for (JsonNode item : list) {
			if (name.equals(item.get("name").asString())) {
				return item;
			}
			names.add(item.get("name").asString());
		}
		throw new AssertionError("no '" + name + "' among " + names);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> compose() throws IOException {
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			return (Map<String, Object>) ((Map<String, Object>) new Yaml().load(reader)).get("services");
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> service(Map<String, Object> services, String name) {
		assertThat(services).containsKey(name);
		return (Map<String, Object>) services.get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, String> environment(Map<String, Object> service) {
		return (Map<String, String>) service.get("environment");
	}

	@SuppressWarnings("unchecked")
	private static List<String> ports(Map<String, Object> service) {
		return (List<String>) service.get("ports");
	}

}
