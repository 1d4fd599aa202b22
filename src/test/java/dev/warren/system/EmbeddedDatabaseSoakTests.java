package dev.warren.system;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.warren.support.ConsoleProcess;
import dev.warren.support.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 16's "done when": a console on the default embedded database, its pool renewing
 * every connection every 30 s (Hikari's shortest max lifetime), keeps storing servers,
 * users and runs for ten minutes. It runs as its own console process, beside the rest of
 * the suite ({@code junit-platform.properties}), so it costs the test command no time;
 * {@code -Dwarren.soak.duration=PT2M} shortens it for a quick run.
 */
@Execution(ExecutionMode.CONCURRENT)
class EmbeddedDatabaseSoakTests {

	private static final Duration DURATION = Duration.parse(System.getProperty("warren.soak.duration", "PT10M"));

	private static final Duration CYCLE = Duration.ofSeconds(20);

	private static final Pattern CONNECTIONS_CREATED = Pattern
		.compile("(?m)^hikaricp_connections_creation_seconds_count\\{[^}]*} ([0-9.E]+)");

	@Test
	void keepsStoringServersUsersAndRunsWhileThePoolRenewsEveryConnectionEveryThirtySeconds() throws Exception {
		Path data = Files.createTempDirectory("warren-soak-");
		try (ConsoleProcess console = ConsoleProcess.start(data,
				java.util.Map.of("spring.datasource.hikari.max-lifetime", "30000"))) {
			long hostId = Json.id(created(console.post("/api/v1/servers", Json.of(unreachable("soak-host")))));
			long clusterId = Json.id(created(console.post("/api/v1/clusters", Json
				.of(Json.map("name", "soak", "primaryServerId", hostId, "memberServerIds", new long[] { hostId })))));
			long balancerId = Json.id(created(console.post("/api/v1/balancers", Json.of(Json.map("name", "soak-nginx",
					"kind", "NGINX", "clusterId", clusterId, "hostServerId", hostId, "listenPort", 5672)))));
			double createdAtStart = connectionsCreated(console);

			long end = System.nanoTime() + DURATION.toNanos();
			int cycles = 0;
			while (System.nanoTime() < end) {
				long next = System.nanoTime() + CYCLE.toNanos();
				cycles++;
				String at = "cycle " + cycles + " (" + DURATION + " soak)";
				created(console.post("/api/v1/servers", Json.of(unreachable("soak-" + cycles))), at);
				created(console.post("/api/v1/users", Json.of(Json.map("username", "soak-user-" + cycles, "password",
						"soak-user-password", "role", "VIEWER"))), at);
				HttpResponse<String> run = console.post("/api/v1/balancers/" + balancerId + "/deployments", "{}");
				assertThat(run.statusCode()).as(at + ": a run is stored: " + run.body()).isEqualTo(202);
				String location = run.headers().firstValue("Location").orElseThrow();
				String path = location.substring(location.indexOf("/api/"));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(console.get(path).body()).as(at + ": the run's end is stored")
						.contains("\"status\":\"FAILED\""));
				Thread.sleep(Math.max(0, Duration.ofNanos(next - System.nanoTime()).toMillis()));
			}

			String servers = console.get("/api/v1/servers").body();
			assertThat(servers).contains("\"soak-" + cycles + "\"");
			assertThat(console.get("/api/v1/users").body()).contains("soak-user-" + cycles);
			assertThat(connectionsCreated(console) - createdAtStart)
				.as("the pool renewed its connections many times over during the soak (at most every 30 s)")
				.isGreaterThanOrEqualTo(Math.max(2.0, DURATION.toSeconds() / 60.0 * 2));
			assertThat(console.log()).doesNotContain("Check constraint invalid", "The database has been closed");
		}
	}

	private static java.util.Map<String, Object> unreachable(String name) {
		java.util.Map<String, Object> server = Json.server(name);
		server.put("host", "127.0.0.1");
		server.put("sshPort", 1);
		server.put("nodeName", "rabbit@" + name);
		return server;
	}

	private static String created(HttpResponse<String> response) {
		return created(response, "setup");
	}

	private static String created(HttpResponse<String> response, String at) {
		assertThat(response.statusCode()).as(at + ": " + response.uri() + " answered " + response.body())
			.isEqualTo(201);
		return response.body();
	}

	private static double connectionsCreated(ConsoleProcess console) throws IOException, InterruptedException {
		String metrics = console.get("/actuator/prometheus").body();
		Matcher count = CONNECTIONS_CREATED.matcher(metrics);
		assertThat(count.find()).as("Hikari's connection creation count in /actuator/prometheus").isTrue();
		return Double.parseDouble(count.group(1));
	}

}
