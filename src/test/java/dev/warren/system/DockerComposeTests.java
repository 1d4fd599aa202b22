package dev.warren.system;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml cannot run on our build machines (no Docker engine), so its wiring
 * is checked against the application's own configuration instead.
 */
class DockerComposeTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeFileUsesTheVariablesAndPortTheApplicationReads() throws IOException {
		Map<String, Object> compose = load(Path.of("docker-compose.yml"));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("warren", "postgres");

		Map<String, Object> warren = (Map<String, Object>) services.get("warren");
		Map<String, String> environment = (Map<String, String>) warren.get("environment");
		assertThat(environment).containsEntry("SPRING_PROFILES_ACTIVE", "postgres")
			.containsKeys("WARREN_DB_URL", "WARREN_DB_USER", "WARREN_DB_PASSWORD", "WARREN_ADMIN_USERNAME",
					"WARREN_ADMIN_PASSWORD", "WARREN_SECRETS_KEY");
		assertThat(environment.get("WARREN_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");
		assertThat((List<String>) warren.get("ports")).containsExactly("8080:8080");

		String application = Files.readString(Path.of("src/main/resources/application.yml"));
		assertThat(application).contains("${WARREN_DB_URL", "${WARREN_DB_USER", "${WARREN_DB_PASSWORD",
				"on-profile: postgres", "port: 8080");
		// WARREN_ADMIN_* and WARREN_SECRETS_KEY bind to these by Spring's relaxed
		// binding.
		assertThat(application).contains("admin:", "secrets:");
		assertThat(WarrenProperties.class.getRecordComponents()).extracting("name").contains("admin", "dataDir");

		String dockerfile = Files.readString(Path.of("Dockerfile"));
		assertThat(dockerfile).contains("EXPOSE 8080", "WARREN_DATA_DIR");
		Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
		assertThat((Map<String, String>) postgres.get("environment")).containsEntry("POSTGRES_DB", "warren")
			.containsEntry("POSTGRES_USER", "warren");
	}

	private static Map<String, Object> load(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file)) {
			return new Yaml().load(reader);
		}
	}

}
