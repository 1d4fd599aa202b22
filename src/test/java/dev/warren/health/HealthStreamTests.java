package dev.warren.health;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.warren.support.Accounts;
import dev.warren.support.LabCluster;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/health/events} over real HTTP (Tomcat, the real security chain): a
 * client logged in with HTTP Basic keeps the stream open and receives state changes as
 * they happen, also after the async dispatch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(Accounts.class)
class HealthStreamTests {

	@LocalServerPort
	int port;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	HealthStream stream;

	final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aBasicClientReceivesStateChangesLive() throws Exception {
		HttpResponse<java.io.InputStream> response = this.client.send(request(Accounts.VIEWER, Accounts.PASSWORD),
				HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			LabCluster.waitUntil(Duration.ofSeconds(5), () -> this.stream.subscribers() > 0);
			List<String> lines = new ArrayList<>();
			CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
				try {
					String line;
					int events = 0;
					while (events < 2 && (line = reader.readLine()) != null) {
						lines.add(line);
						if (line.startsWith("data:")) {
							events++;
						}
					}
				}
				catch (java.io.IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			});
			// Two changes a moment apart: the stream stays open between them.
			this.publisher.publishEvent(new HealthStateChanged(TargetKind.NODE, 1, "rabbit@a", 2L, HealthState.UP,
					HealthState.DOWN, Instant.parse("2026-11-26T03:00:00Z"), "refused"));
			Thread.sleep(300);
			this.publisher.publishEvent(new HealthStateChanged(TargetKind.NODE, 1, "rabbit@a", 2L, HealthState.DOWN,
					HealthState.UP, Instant.parse("2026-11-26T03:00:05Z"), "ok"));
			read.get(10, TimeUnit.SECONDS);
			assertThat(lines).contains("event:state");
			assertThat(lines.stream().filter((line) -> line.startsWith("data:")).toList()).hasSize(2)
				.first()
				.asString()
				.contains("\"kind\":\"NODE\"", "\"from\":\"UP\"", "\"to\":\"DOWN\"", "\"at\":\"2026-11-26T03:00:00Z\"");
		}
	}

	@Test
	void theStreamNeedsALogin() throws Exception {
		HttpResponse<String> response = this.client.send(request(Accounts.VIEWER, "wrong-password"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void prometheusIsScrapedWithHttpBasicByAnyUser() throws Exception {
		HttpRequest scrape = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus"))
			.header("Authorization", basic(Accounts.VIEWER, Accounts.PASSWORD))
			.build();
		HttpResponse<String> response = this.client.send(scrape, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes");
		assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
		HttpResponse<String> anonymous = this.client.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/prometheus")).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(anonymous.statusCode()).isEqualTo(401);
	}

	HttpRequest request(String user, String password) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/health/events"))
			.header("Accept", "text/event-stream")
			.header("Authorization", basic(user, password))
			.build();
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
