package dev.warren.reliability;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.warren.support.ConsoleProcess;
import dev.warren.support.Json;
import dev.warren.support.Lab;
import dev.warren.support.PostgresSchemas;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console is killed (SIGKILL) while administrators keep writing: after a restart on
 * the same database every write it had acknowledged is there. For the embedded H2 file
 * and for PostgreSQL.
 */
class ConsoleKillDatabaseTests {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	@Test
	void anH2FileKeepsEveryAcknowledgedRecordThroughAKill(@TempDir Path data) throws Exception {
		assertSurvivesKill(data, Map.of());
	}

	@Test
	void postgresKeepsEveryAcknowledgedRecordThroughAKill(@TempDir Path data) throws Exception {
		Lab lab = Lab.find().orElse(null);
		if (lab == null) {
			assertThat(Lab.isRequired()).as("the lab's PostgreSQL is required (WARREN_LAB_REQUIRED)").isFalse();
			Assumptions.abort("the lab is not running (lab/start)");
		}
		String schema = "kill_" + Long.toHexString(System.nanoTime());
		try {
			assertSurvivesKill(data, Map.of("spring.datasource.url", lab.postgresUrl() + "?currentSchema=" + schema,
					"spring.datasource.username", lab.postgresUser(), "spring.datasource.password",
					lab.postgresPassword(), "spring.flyway.schemas", schema, "spring.flyway.default-schema", schema));
		}
		finally {
			PostgresSchemas.drop(lab, schema);
		}
	}

	private void assertSurvivesKill(Path data, Map<String, String> database) throws Exception {
		Set<String> acknowledged = ConcurrentHashMap.newKeySet();
		AtomicBoolean killed = new AtomicBoolean();
		ConsoleProcess console = ConsoleProcess.start(data, database);
		try {
			Thread writer = new Thread(() -> {
				for (int i = 0; !killed.get(); i++) {
					String name = "kill-" + i;
					Map<String, Object> body = Json.server(name);
					body.put("nodeName", "rabbit@kill-" + i);
					try {
						HttpResponse<String> response = console.post("/api/v1/servers", Json.of(body));
						if (response.statusCode() == 201) {
							acknowledged.add(name);
						}
					}
					catch (Exception ex) {
						// The console went away in the middle of this request: not
						// acknowledged.
					}
				}
			});
			writer.start();
			while (acknowledged.size() < 40) {
				Thread.sleep(20);
			}
			console.kill();
			killed.set(true);
			writer.join(30_000);
		}
		finally {
			console.close();
		}
		assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(40);

		try (ConsoleProcess restarted = ConsoleProcess.start(data, database)) {
			HttpResponse<String> list = restarted.get("/api/v1/servers");
			assertThat(list.statusCode()).isEqualTo(200);
			JsonNode servers = MAPPER.readTree(list.body());
			List<String> names = servers.valueStream().map((server) -> server.get("name").asString()).toList();
			assertThat(names).as("every acknowledged record is back after the kill").containsAll(acknowledged);
			// A record that was being written when the kill came is either whole or
			// absent.
			for (JsonNode server : servers) {
				assertThat(server.get("nodeName").asString()).isEqualTo("rabbit@" + server.get("name").asString());
			}
		}
	}

}
